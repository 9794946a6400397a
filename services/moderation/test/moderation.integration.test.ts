import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  encodeInternal,
  internalHeaders,
  postKey,
  TOPICS,
  topicName,
  VerdictV1Schema,
  type InferenceResult,
  type VerdictV1,
} from '@vigil/contracts';
import { DLQ_HEADERS, RecordProducer, TopicAdmin } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { parseConfig } from '@vigil/platform';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/api/api-tokens';
import { setupOpenApi } from '../src/http/openapi';
import { envSchema } from '../src/config';
import { createDatabase, type Db } from '../src/database/database';
import { ModerationModule } from '../src/moderation.module';
import { loadPolicies } from '../src/policies';
import {
  bound,
  DATABASE_URL,
  eventually,
  makeResult,
  recordsForKey,
  startReceiver,
  TEST_REQUEST_BINDING_KEYS,
} from './support';

let broker: TestBroker;
let app: INestApplication;
let baseUrl: string;
let db: Db;
let token: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let endpointId: string;
let secret: string;
const schema = `moderation_it_${uniqueName('s').split('.')[1]}`;
const prefix = `${uniqueName('mod')}.`;
const settings = () => broker.settings('moderation-test');
/** Posts whose receiver answers should fail: post id → failures left. */
const failuresLeft = new Map<string, number>();

async function publish(...results: (InferenceResult | Buffer)[]): Promise<void> {
  const producer = new RecordProducer(settings());
  await producer.send(
    topicName(TOPICS.inferenceResults, prefix),
    results.map((r) =>
      Buffer.isBuffer(r)
        ? { key: 'acme:garbage', value: r }
        : {
            key: postKey(r.tenant_id, r.post_id),
            value: encodeInternal(r),
            headers: internalHeaders('inference-result.v1'),
          },
    ),
  );
  await producer.disconnect();
}

const api = (path: string, init: RequestInit & { token?: string | null } = {}) =>
  fetch(`${baseUrl}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? token}` }),
    },
  });

const webhooksFor = (postId: string) =>
  receiver.requests.filter((r) => (JSON.parse(r.body) as { data: VerdictV1 }).data.post_id === postId);

const verdictRows = (postId: string) =>
  db.selectFrom('verdicts').selectAll().where('post_id', '=', postId).execute();

beforeAll(async () => {
  broker = await startTestBroker();
  const config = parseConfig(envSchema, {
    ...broker.env(),
    KAFKA_TOPIC_PREFIX: prefix,
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    RESULTS_GROUP_ID: uniqueName('moderation'),
    OUTBOX_POLL_INTERVAL: '50ms',
    WEBHOOK_POLL_INTERVAL: '50ms',
    WEBHOOK_RETRY_SCHEDULE: '0,100ms,100ms,100ms',
    WEBHOOK_RETRY_JITTER: '0',
    WEBHOOK_TIMEOUT: '2s',
    WEBHOOK_EGRESS_ALLOW: '127.0.0.1',
    REQUEST_BINDING_KEYS: TEST_REQUEST_BINDING_KEYS,
    HTTP_PORT: '1',
    LOG_LEVEL: 'error',
  });
  app = await NestFactory.create(ModerationModule.forRoot(config, loadPolicies(config)), {
    logger: ['error'],
  });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  db = createDatabase({ url: DATABASE_URL, schema, poolSize: 4 });
  ({ token } = await createApiToken(db, {
    tenantId: 'acme',
    name: 'test',
    scopes: ['verdicts:read', 'webhooks:manage'],
    actor: 'test',
  }));
  receiver = await startReceiver((req, _n, res) => {
    const postId = (JSON.parse(req.body) as { data: VerdictV1 }).data.post_id;
    const left = failuresLeft.get(postId) ?? 0;
    failuresLeft.set(postId, left - 1);
    res.statusCode = left > 0 ? 503 : 200;
    res.end();
  });
  const created = await api('/v1/tenants/acme/webhook-endpoints', {
    method: 'POST',
    body: JSON.stringify({ url: receiver.url, description: 'test receiver' }),
  });
  expect(created.status).toBe(201);
  ({ endpoint_id: endpointId, secret } = (await created.json()) as { endpoint_id: string; secret: string });
});

afterAll(async () => {
  await app?.close();
  await receiver?.close();
  if (db) {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    await db.destroy();
  }
  await new TopicAdmin(settings()).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
  await broker?.stop();
});

describe('result → verdict → Kafka + signed webhook', () => {
  it('makes exactly one verdict row, one Kafka message and one verified webhook delivery', async () => {
    const base = makeResult({ endpointId, scores: { sexual: 0.81, profanity: 0.3 } });
    // A video with alt-text and an audio medium (no alt-text) beside the photo (bound to all three).
    const result: InferenceResult = bound({
      ...base,
      media: [
        ...base.media,
        {
          media_id: 'v1',
          kind: 'video',
          status: 'ok',
          alt_text: { text: 'Video of a horse', decorative: false, confidence: 0.67 },
        },
        { media_id: 'a1', kind: 'audio', status: 'ok' },
      ],
    });
    await publish(result);
    await eventually(async () => webhooksFor(result.post_id).length === 1);

    const rows = await verdictRows(result.post_id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'model', strongest_action: 'blur', policy_id: 'default' });

    const [delivery] = webhooksFor(result.post_id);
    const headers = delivery!.headers as Record<string, string>;
    const body = new Webhook(secret).verify(delivery!.body, headers) as { type: string; data: VerdictV1 };
    expect(body.type).toBe('verdict.created');
    const verdict = VerdictV1Schema.parse(body.data);
    expect(headers['webhook-id']).toBe(`msg_${verdict.verdict_id.replaceAll('-', '')}`);
    expect(verdict).toMatchObject({
      tenant_id: 'acme',
      post_id: result.post_id,
      revision: 0,
      status: 'ok',
      source: 'model',
      policy: { id: 'default', version: '2026-11-29.1' },
      bundle: { name: 'vigil-default', version: '2026.11.1' },
      correlation_id: `corr-${result.post_id}`,
      trace_id: result.trace_id,
      alt_text: [
        { media_id: 'm1', text: 'A red bicycle leaning against a brick wall by a canal', decorative: false },
        { media_id: 'v1', text: 'Video of a horse', decorative: false },
      ],
    });
    expect(verdict.actions).toEqual([
      { action: 'blur', rule: 'sexual.blur', category: 'sexual', score: 0.81, threshold: 0.75 },
    ]);
    expect(verdict.scores.find((s) => s.category === 'sexual')).toMatchObject({ score: 0.81, severity: 3 });
    expect(verdict.timings).toMatchObject({ fetch_ms: 84, classifier_ms: 63 });
    expect(verdict.timings.total_ms).toBeGreaterThanOrEqual(420);

    const kafka = await eventually(async () => {
      const records = await recordsForKey(
        settings(),
        topicName(TOPICS.verdicts, prefix),
        postKey('acme', result.post_id),
      );
      return records.length > 0 && records;
    });
    expect(kafka).toHaveLength(1);
    expect(JSON.parse(kafka[0]!.value!.toString())).toEqual(verdict);

    const stored = await db
      .selectFrom('media')
      .selectAll()
      .where('post_id', '=', result.post_id)
      .orderBy('media_id')
      .execute();
    expect(stored).toMatchObject([
      { media_id: 'a1', kind: 'audio', alt_text: null },
      {
        media_id: 'm1',
        kind: 'image',
        status: 'ok',
        sha256: result.media[0]!.sha256,
        alt_text: 'A red bicycle leaning against a brick wall by a canal',
        alt_decorative: false,
      },
      { media_id: 'v1', kind: 'video', alt_text: 'Video of a horse', alt_decorative: false },
    ]);
    const experts = await db
      .selectFrom('expert_outputs')
      .select(['expert', 'ran'])
      .where('post_id', '=', result.post_id)
      .execute();
    expect(experts).toHaveLength(3);
  });

  it('retries a failing receiver on the schedule; the 4th attempt succeeds with the same webhook-id', async () => {
    const result = makeResult({ endpointId, scores: { spam: 0.75 } });
    failuresLeft.set(result.post_id, 3);
    await publish(result);
    await eventually(async () => {
      const [row] = await db
        .selectFrom('webhook_deliveries')
        .innerJoin('verdicts', 'verdicts.verdict_id', 'webhook_deliveries.verdict_id')
        .select(['webhook_deliveries.status', 'webhook_deliveries.attempts'])
        .where('verdicts.post_id', '=', result.post_id)
        .execute();
      return row?.status === 'succeeded' && row;
    });
    const attempts = webhooksFor(result.post_id);
    expect(attempts).toHaveLength(4);
    const ids = new Set(attempts.map((a) => a.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const a of attempts)
      expect(() => new Webhook(secret).verify(a.body, a.headers as Record<string, string>)).not.toThrow();
    // Retries wait at least the scheduled 100 ms.
    for (let i = 1; i < attempts.length; i++)
      expect(attempts[i]!.at - attempts[i - 1]!.at).toBeGreaterThanOrEqual(95);
    const log = await db
      .selectFrom('webhook_attempts')
      .innerJoin('webhook_deliveries', 'webhook_deliveries.delivery_id', 'webhook_attempts.delivery_id')
      .select(['attempt', 'status_code'])
      .where('webhook_deliveries.message_id', '=', [...ids][0] as string)
      .orderBy('attempt')
      .execute();
    expect(log.map((l) => l.status_code)).toEqual([503, 503, 503, 200]);
  });

  it('ignores a duplicate result: no second verdict, outbox row or webhook', async () => {
    const first = makeResult({ endpointId, scores: { harassment: 0.55 } });
    const duplicate = { ...first, trace_id: 'f'.repeat(32) };
    const nextRevision = makeResult({ endpointId, postId: first.post_id, revision: 1 });
    await publish(first, duplicate, nextRevision); // one key → one partition → handled in this order
    await eventually(async () => webhooksFor(first.post_id).length === 2);

    const rows = await verdictRows(first.post_id);
    expect(rows.map((r) => r.revision).sort()).toEqual([0, 1]);
    const outbox = await db
      .selectFrom('outbox')
      .select('verdict_id')
      .where('message_key', '=', postKey('acme', first.post_id))
      .execute();
    expect(outbox).toHaveLength(2);
    const revisions = webhooksFor(first.post_id).map(
      (r) => (JSON.parse(r.body) as { data: VerdictV1 }).data.revision,
    );
    expect(revisions.sort()).toEqual([0, 1]);
    expect(rows.find((r) => r.revision === 0)?.payload).toMatchObject({ trace_id: first.trace_id });
  });

  it('opens a review task for review actions and decides error results by the error rule', async () => {
    const review = makeResult({ scores: { 'self-harm/intent': 0.55 } });
    const broken = makeResult(
      {},
      {
        status: 'error',
        scores: [],
        errors: [{ code: 'BUNDLE_UNAVAILABLE', message: 'model bundle vigil-default not loaded' }],
      },
    );
    const banned = makeResult(
      {},
      {
        hash_matches: [
          { media_id: 'm1', bank: 'ncmec', bank_action: 'remove', distance: 12, hash_id: 'h-991' },
        ],
      },
    );
    await publish(review, broken, banned);
    const tasks = await eventually(async () => {
      const t = await db
        .selectFrom('review_tasks')
        .selectAll()
        .where('post_id', 'in', [review.post_id, broken.post_id])
        .execute();
      return t.length === 2 && t;
    });
    const byPost = new Map(tasks.map((t) => [t.post_id, t]));
    expect(byPost.get(review.post_id)).toMatchObject({ kind: 'policy', status: 'open', priority: 155 });
    expect(byPost.get(review.post_id)!.reasons).toEqual([
      {
        action: 'review',
        rule: 'self-harm/intent.review',
        category: 'self-harm/intent',
        score: 0.55,
        threshold: 0.4,
      },
    ]);
    const [errorVerdict] = await verdictRows(broken.post_id);
    expect(errorVerdict!.payload).toMatchObject({
      status: 'error',
      errors: [{ code: 'BUNDLE_UNAVAILABLE' }],
      actions: [{ action: 'review', rule: 'error.review', category: 'error' }],
    });
    const [bannedVerdict] = await eventually(async () => {
      const r = await verdictRows(banned.post_id);
      return r.length === 1 && r;
    });
    expect(bannedVerdict!.payload).toMatchObject({
      actions: [{ action: 'remove', rule: 'hash_match.remove', category: 'hash_match', banks: ['ncmec'] }],
      hash_matches: [{ media_id: 'm1', bank: 'ncmec', distance: 12, hash_id: 'h-991' }],
    });
  });

  it('dead-letters an undecodable result and keeps consuming', async () => {
    const after = makeResult({});
    await publish(Buffer.from('definitely not msgpack+lz4'), after);
    await eventually(async () => (await verdictRows(after.post_id)).length === 1);
    const [dead] = await recordsForKey(
      settings(),
      topicName(TOPICS.inferenceResultsDlq, prefix),
      'acme:garbage',
    );
    expect(dead!.headers[DLQ_HEADERS.errorCode]).toBe('MESSAGE_UNDECODABLE');
    expect(dead!.value!.toString()).toBe('definitely not msgpack+lz4');
  });

  it('answers a result the database rejects with an error verdict, dead-letters it, and records the next one', async () => {
    const postId = uniqueName('post').replace('.', '-');
    const base = makeResult({ postId });
    // Two runs of one expert violate expert_outputs' primary key (SQLSTATE 23505).
    const duplicateKey = makeResult({ postId }, { experts: [base.experts[0]!, base.experts[0]!] });
    const next = makeResult({ postId, revision: 1 }); // same key, so same partition, published after it
    await publish(duplicateKey, next);
    await eventually(async () => (await verdictRows(postId)).length === 2, 30_000);

    const rows = (await verdictRows(postId)).sort((a, b) => a.revision - b.revision);
    expect(rows.map((r) => [r.revision, r.status])).toEqual([
      [0, 'error'],
      [1, 'ok'],
    ]);
    const experts = await db
      .selectFrom('expert_outputs')
      .select('revision')
      .where('post_id', '=', postId)
      .execute();
    expect(experts.every((e) => e.revision === 1)).toBe(true); // nothing partial of the rejected one
    const dead = await recordsForKey(
      settings(),
      topicName(TOPICS.inferenceResultsDlq, prefix),
      postKey('acme', postId),
    );
    expect(dead.map((r) => r.headers[DLQ_HEADERS.errorCode])).toEqual(['RESULT_CONSTRAINT_VIOLATION']);
    expect(dead[0]!.headers[DLQ_HEADERS.errorMessage]).toMatch(
      /^SQLSTATE 23505 \(table expert_outputs, constraint expert_outputs_pkey\)/,
    );
    expect(dead[0]!.value!.equals(encodeInternal(duplicateKey))).toBe(true); // the original bytes
    expect(dead[0]!.headers[DLQ_HEADERS.originTopic]).toBe(topicName(TOPICS.inferenceResults, prefix));
    expect(dead[0]!.headers['vigil-schema']).toBe('inference-result.v1');
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/vigil_kafka_dead_letters_total\{[^}]*code="RESULT_CONSTRAINT_VIOLATION"\} 1/);
  });

  it('retries a result while the database fails transiently, then records it', async () => {
    const retries = async () => {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      return Number(
        /^vigil_kafka_handler_retries_total\{[^}]*kind="transient"\} (\d+)$/m.exec(text)?.[1] ?? 0,
      );
    };
    const before = await retries();
    const result = makeResult({});
    // A missing table (SQLSTATE 42P01, as mid-migration) is not a data problem: the record must wait, not be lost.
    await sql`ALTER TABLE ${sql.id(schema, 'expert_outputs')} RENAME TO expert_outputs_away`.execute(db);
    try {
      await publish(result);
      await eventually(async () => (await retries()) >= before + 2, 30_000); // failed, retried, failed again
      expect(await verdictRows(result.post_id)).toHaveLength(0);
    } finally {
      await sql`ALTER TABLE ${sql.id(schema, 'expert_outputs_away')} RENAME TO expert_outputs`.execute(db);
    }
    await eventually(async () => (await verdictRows(result.post_id)).length === 1, 60_000);
    const dead = await recordsForKey(
      settings(),
      topicName(TOPICS.inferenceResultsDlq, prefix),
      postKey(result.tenant_id, result.post_id),
    );
    expect(dead).toHaveLength(0);
  });
});

describe('lookup API', () => {
  it('authenticates per tenant token', async () => {
    expect((await api('/v1/tenants/acme/verdicts', { token: null })).status).toBe(401);
    const wrong = await api('/v1/tenants/acme/verdicts', { token: 'vgl_nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    const other = await api('/v1/tenants/globex/verdicts');
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: 'AUTH_TENANT_FORBIDDEN' });
    const { token: readOnly } = await createApiToken(db, {
      tenantId: 'acme',
      name: 'ro',
      scopes: ['verdicts:read'],
      actor: 'test',
    });
    const denied = await api('/v1/tenants/acme/webhook-endpoints', { token: readOnly });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'AUTH_SCOPE_MISSING' });
    const stored = await db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.every((t) => /^[0-9a-f]{64}$/.test(t.token_hash) && t.token_hash !== readOnly)).toBe(true);
  });

  it('returns the latest revision’s verdict, a given revision, or 404', async () => {
    const postId = uniqueName('lookup').replace('.', '-');
    await publish(
      makeResult({ postId, revision: 0 }),
      makeResult({ postId, revision: 1, scores: { spam: 0.99 } }),
    );
    await eventually(async () => (await verdictRows(postId)).length === 2);
    const latest = (await (await api(`/v1/tenants/acme/posts/${postId}/verdict`)).json()) as VerdictV1;
    expect(latest).toMatchObject({ revision: 1, actions: [{ action: 'remove', rule: 'spam.remove' }] });
    const first = (await (
      await api(`/v1/tenants/acme/posts/${postId}/verdict?revision=0`)
    ).json()) as VerdictV1;
    expect(first).toMatchObject({ revision: 0, actions: [{ action: 'allow', rule: 'default.allow' }] });
    const missing = await api(`/v1/tenants/acme/posts/${postId}/verdict?revision=7`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'VERDICT_NOT_FOUND' });
    expect((await api(`/v1/tenants/acme/posts/${postId}/verdict?revision=x`)).status).toBe(400);
  });

  it('pages through every verdict in commit order with cursors', async () => {
    const total = Number(
      (
        await db
          .selectFrom('verdicts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('tenant_id', '=', 'acme')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const seen: string[] = [];
    let since: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await api(
        `/v1/tenants/acme/verdicts?limit=3${since ? `&since=${encodeURIComponent(since)}` : ''}`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { verdicts: VerdictV1[]; next_cursor: string };
      if (body.verdicts.length === 0) break;
      seen.push(...body.verdicts.map((v) => v.verdict_id));
      since = body.next_cursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const fromNow = (await (
      await api(`/v1/tenants/acme/verdicts?since=${new Date(Date.now() + 60_000).toISOString()}`)
    ).json()) as {
      verdicts: unknown[];
    };
    expect(fromNow.verdicts).toEqual([]);
    const bad = await api('/v1/tenants/acme/verdicts?since=bm9wZQ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('refuses webhook URLs that reach private addresses (SSRF guard)', async () => {
    for (const url of [
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/x',
    ]) {
      const res = await api('/v1/tenants/acme/webhook-endpoints', {
        method: 'POST',
        body: JSON.stringify({ url }),
      });
      expect(res.status, url).toBe(422);
      expect(await res.json()).toMatchObject({ code: 'WEBHOOK_URL_FORBIDDEN' });
    }
    const ftp = await api('/v1/tenants/acme/webhook-endpoints', {
      method: 'POST',
      body: JSON.stringify({ url: 'ftp://x.example/y' }),
    });
    expect(ftp.status).toBe(400);
    expect(await ftp.json()).toMatchObject({ code: 'WEBHOOK_URL_INVALID' });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('subject_id', '=', endpointId)
      .execute();
    expect(audit).toEqual([{ action: 'webhook_endpoint.created', actor: expect.stringMatching(/^token:/) }]);
  });

  it('serves the OpenAPI document with the VerdictV1 schema', async () => {
    const doc = (await (await fetch(`${baseUrl}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/tenants/{tenant}/posts/{post}/verdict', '/v1/tenants/{tenant}/verdicts']),
    );
    expect(Object.keys(doc.components.schemas.VerdictV1!.properties!)).toContain('actions');
    const ready = (await (await fetch(`${baseUrl}/readyz`)).json()) as {
      info: Record<string, { status: string }>;
    };
    expect(Object.keys(ready.info)).toEqual(
      expect.arrayContaining(['database', 'kafka', 'results-consumer', 'outbox-relay', 'webhook-dispatcher']),
    );
  });
});
