/** Test fixtures for the moderation service: a fresh PostgreSQL schema, realistic results, a receiver, a topic reader. */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CATEGORY_IDS,
  RequestBinder,
  requestId,
  severityOf,
  type CategoryId,
  type InferenceResult,
} from '@vigil/contracts';
import { BatchConsumer, RecordProducer, type IncomingRecord, type KafkaSettings } from '@vigil/kafka';
import { uniqueName } from '@vigil/kafka/testing';
import { sql } from 'kysely';
import { createDatabase, migrateToLatest, type Db } from '../src/database/database';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil_test';

/** A uniquely named schema with the migrations applied; `drop()` removes it and closes the pool. */
export async function freshSchema(): Promise<{ schema: string; db: Db; drop: () => Promise<void> }> {
  const schema = `moderation_test_${randomBytes(4).toString('hex')}`;
  const db = createDatabase({ url: DATABASE_URL, schema, poolSize: 8 });
  await migrateToLatest(db, schema);
  return {
    schema,
    db,
    drop: async () => {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
      await db.destroy();
    },
  };
}

/** Polls `check` until it returns a truthy value (bounded: throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type Scores = Partial<Record<CategoryId, number>>;

/** The tests' REQUEST_BINDING_KEYS (a fixed test key: ingest would sign with it, moderation verifies). */
export const TEST_REQUEST_BINDING_KEYS = `test:${Buffer.alloc(32, 7).toString('base64')}`;
const testBinder = RequestBinder.fromKeyring(TEST_REQUEST_BINDING_KEYS);

/** `result` with the request binding ingest would have issued for its tenant, post, revision and media. */
export function bound(result: InferenceResult): InferenceResult {
  return { ...result, request_binding: testBinder.sign(result) };
}

/**
 * A classifier result as the MoE worker writes it: a captioned photo post, every category scored
 * (low unless `scores` says otherwise), per-expert runs, alt-text, PDQ hash, stage timings, and the
 * request binding of the request it answers (`bound`, after `change`).
 */
export function makeResult(
  post: { tenant?: string; postId?: string; revision?: number; scores?: Scores; endpointId?: string },
  change: Partial<InferenceResult> = {},
): InferenceResult {
  const tenant = post.tenant ?? 'acme';
  const postId = post.postId ?? uniqueName('post').replace('.', '-');
  const revision = post.revision ?? 0;
  const scores = CATEGORY_IDS.map((category) => {
    const score = post.scores?.[category] ?? 0.01;
    return {
      category,
      score,
      severity: severityOf(score),
      attribution:
        score >= 0.2
          ? [
              { modality: 'image' as const, media_id: 'm1', weight: 0.8 },
              { modality: 'caption' as const, weight: 0.2 },
            ]
          : [],
    };
  });
  return bound({
    schema_version: 1,
    request_id: requestId(tenant, postId, revision),
    tenant_id: tenant,
    post_id: postId,
    revision,
    trace_id: randomBytes(16).toString('hex'),
    received_at: Date.now() - 420,
    created_at: new Date(Date.now() - 1000).toISOString(),
    priority: 'normal',
    status: 'ok',
    errors: [],
    caption: { text: 'Sunday ride along the canal', lang: 'en', lang_confidence: 0.97 },
    scores,
    coverage: { covered: [...CATEGORY_IDS], not_covered: [] },
    media: [
      {
        media_id: 'm1',
        kind: 'image',
        status: 'ok',
        sha256: randomBytes(32).toString('hex'),
        alt_text: {
          text: 'A red bicycle leaning against a brick wall by a canal',
          decorative: false,
          confidence: 0.81,
        },
        objects: [{ label: 'bicycle', score: 0.93, box: [112, 80, 530, 410] }],
        ocr: [],
        pdq: [{ hash: randomBytes(32).toString('hex'), quality: 92, timestamp_ms: 0 }],
        cached: false,
      },
    ],
    hash_matches: [],
    experts: [
      { expert: 'text-toxicity', ran: true, ms: 11.8, batch_size: 8, queue_delay_ms: 3.1 },
      { expert: 'image-nsfw', ran: true, ms: 38.4, batch_size: 4, queue_delay_ms: 6.2 },
      { expert: 'audio-speech', ran: false, skipped_reason: 'no_audio', ms: 0 },
    ],
    bundle: { name: 'vigil-default', version: '2026.11.1' },
    provider: 'cpu',
    routing: 'routed',
    timings: { fetch_ms: 84, decode_ms: 21, queue_ms: 9, experts_ms: 52, fusion_ms: 0.4, classifier_ms: 63 },
    ...(post.endpointId
      ? { callback: { endpoint_id: post.endpointId, correlation_id: `corr-${postId}` } }
      : {}),
    ...change,
  });
}

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/**
 * A local HTTP webhook receiver. `respond` decides each answer (default 204); it may also never answer
 * (hanging receiver). Tracks the requests and the most connections open at once.
 */
export async function startReceiver(
  respond: (req: ReceivedRequest, n: number, res: ServerResponse) => void = (_r, _n, res) => {
    res.statusCode = 204;
    res.end();
  },
) {
  const requests: ReceivedRequest[] = [];
  let open = 0;
  let maxOpen = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    res.on('close', () => {
      open -= 1;
      hanging.delete(res);
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(received);
      hanging.add(res);
      respond(received, requests.length, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/vigil`,
    requests,
    get open() {
      return open;
    },
    get maxOpen() {
      return maxOpen;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * Every record of `topic` whose key is `key`, read from the beginning up to a sentinel record this
 * function appends with the same key (same partition, so everything published before it is read).
 */
export async function recordsForKey(
  settings: KafkaSettings,
  topic: string,
  key: string,
): Promise<IncomingRecord[]> {
  const sentinel = `sentinel-${randomUUID()}`;
  const producer = new RecordProducer(settings);
  await producer.send(topic, [{ key, value: sentinel }]);
  await producer.disconnect();
  const found: IncomingRecord[] = [];
  let done!: () => void;
  const reached = new Promise<void>((r) => (done = r));
  const reader = new BatchConsumer(settings, {
    groupId: uniqueName('reader'),
    topics: [topic],
    eachRecord: async (r) => {
      if (r.key?.toString() !== key) return;
      const value = r.value?.toString();
      if (value === sentinel) done();
      // Sentinels of earlier reads of the same key (a caller polling) are markers, not records.
      else if (!value?.startsWith('sentinel-')) found.push(r);
    },
  });
  await reader.start();
  await Promise.race([
    reached,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`sentinel not read on ${topic}`)), 30_000)),
  ]);
  await reader.stop();
  return found;
}
