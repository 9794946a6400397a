/**
 * Fault injection on the whole pipeline (issue 18, "Faults"): every service is its own process
 * (infra/stack/pipeline.ts) on a Kafka broker and a PostgreSQL cluster this test starts for itself, so
 * it can restart them without touching anything shared. Per scenario a few posts are published and one
 * fault is injected while they are in flight:
 *
 * - kill -9 of ingest, of the classifier, of the moderation workers (then started again, as an
 *   orchestrator would);
 * - the broker stopped and started again;
 * - PostgreSQL restarted (connections cut);
 * - the platform's webhook receiver stalled past the delivery timeout;
 * - a partition filled with poison records on the posts, requests and results topics, with valid
 *   posts behind them on the same partition.
 *
 * Asserted per scenario: every accepted post has exactly one verdict (one verdict id, the idempotency key)
 * on the verdict topic and one webhook (one webhook-id) received; none is lost; the poison records are in the dead-letter
 * topics; no service needed a manual step (a process that exits on its own is restarted, as a
 * supervisor would, and counted). Printed per scenario: posts published / verdicts / duplicates / lost.
 * The outbox relay is at-least-once: a relay killed between the broker's ack and marking its rows
 * published sends those verdicts again with the same verdict id; that is printed as "redelivered",
 * not counted as a duplicate decision.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { postKey, TOPICS, topicName, type PostV1Input, type VerdictV1 } from '@vigil/contracts';
import {
  BatchConsumer,
  DLQ_HEADERS,
  RecordProducer,
  type IncomingRecord,
  type KafkaSettings,
  type SaslCredentials,
} from '@vigil/kafka';
import { uniqueName } from '@vigil/kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaPrincipals, Pipeline, type ServiceName, SERVICE_NAMES } from '../../infra/stack/pipeline';
import { Platform } from '../../infra/stack/platform';
import { PrivateBroker, PrivatePostgres } from './private-servers';

const ROOT = resolve(__dirname, '..', '..');
const TENANT = 'faults';
const runId = randomBytes(4).toString('hex');
const tmp = join('/tmp', `vigil-faults-${runId}`);
const POSTS_PER_SCENARIO = 6;
/** The classifier loads every expert before it is ready: minutes on a busy 2-core machine. */
const START_TIMEOUT_MS = 400_000;

let broker: PrivateBroker;
let principals: Record<string, SaslCredentials>;
let postgres: PrivatePostgres;
let pipeline: Pipeline;
let platform: Platform;
let endpointId: string;
let supervisor: Supervisor;
const summary: string[] = [];

/** Restarts any service that exits without being asked to (what Kubernetes does), and counts it. */
class Supervisor {
  readonly restarts = new Map<ServiceName, number>();
  private readonly intended = new Set<ServiceName>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(private readonly p: Pipeline) {}

  watch(): void {
    this.timer = setInterval(() => void this.check(), 500);
  }

  /** kill -9 `name` mid-work and start it again; waits until it is ready. */
  async killAndRestart(name: ServiceName): Promise<void> {
    this.intended.add(name);
    try {
      await this.p.services[name].kill('SIGKILL');
      await this.p.services[name].start({}, START_TIMEOUT_MS);
    } finally {
      this.intended.delete(name);
    }
  }

  total(): number {
    return [...this.restarts.values()].reduce((a, b) => a + b, 0);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 100));
  }

  private async check(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const name of SERVICE_NAMES) {
        const service = this.p.services[name];
        if (this.intended.has(name) || service.running) continue;
        this.restarts.set(name, (this.restarts.get(name) ?? 0) + 1);
        await service.start({}, START_TIMEOUT_MS).catch(() => {});
      }
    } finally {
      this.busy = false;
    }
  }
}

function textPost(id: string): PostV1Input {
  return {
    schema_version: 1,
    tenant_id: TENANT,
    post_id: id,
    revision: 0,
    created_at: new Date().toISOString(),
    author: 'u-faults',
    text: `post ${id}: a calm caption about the weather and the canal`,
    media: [],
    callback: { endpoint_id: endpointId, correlation_id: id },
  };
}

const keyOf = (v: VerdictV1) => postKey(v.tenant_id, v.post_id);

interface Counts {
  published: number;
  /** Verdict records on the topic (redeliveries included). */
  verdicts: number;
  /** Second decisions: verdict ids beyond the first for one post. */
  duplicates: number;
  /** The same verdict id on the topic again (the relay is at-least-once; `vigil-verdict-id` dedups). */
  redelivered: number;
  lost: number;
  webhooks: number;
  webhookDuplicates: number;
}

/** Counts what the platform received for `keys` (verdict topic and webhooks). */
function count(keys: string[]): Counts {
  let verdicts = 0;
  let duplicates = 0;
  let redelivered = 0;
  let lost = 0;
  let webhooks = 0;
  let webhookDuplicates = 0;
  for (const key of keys) {
    const onTopic = platform.verdicts.filter((r) => keyOf(r.verdict) === key && r.verdict.source === 'model');
    const ids = new Set(onTopic.map((r) => r.verdict.verdict_id));
    verdicts += onTopic.length;
    duplicates += Math.max(0, ids.size - 1);
    redelivered += onTopic.length - ids.size;
    const hooks = platform.webhooks.filter((w) => keyOf(w.verdict) === key && w.via.verified);
    const hookIds = new Set(hooks.map((w) => w.via.webhookId));
    webhooks += hookIds.size;
    webhookDuplicates += Math.max(0, hookIds.size - 1);
    if (ids.size === 0 || hookIds.size === 0) lost += 1;
  }
  return { published: keys.length, verdicts, duplicates, redelivered, lost, webhooks, webhookDuplicates };
}

/**
 * Publishes `POSTS_PER_SCENARIO` posts (plus `extra`), injects `fault` once the first verdict of the
 * scenario arrived (the pipeline is mid-batch), waits for every post's verdict and webhook, then settles
 * 3 s for late duplicates; prints and asserts the counts.
 */
async function scenario(
  name: string,
  fault: () => Promise<void>,
  options: { before?: () => Promise<void>; extraKeys?: string[] } = {},
): Promise<Counts> {
  const restartsBefore = supervisor.total();
  const posts = Array.from({ length: POSTS_PER_SCENARIO }, (_, i) => textPost(`${name}-${i}-${runId}`));
  const keys = [...posts.map((p) => postKey(p.tenant_id, p.post_id)), ...(options.extraKeys ?? [])];
  await options.before?.();
  await platform.publish(posts);
  await platform.until(
    () => keys.some((k) => platform.verdicts.some((r) => keyOf(r.verdict) === k)),
    `${name}: a first verdict`,
    120_000,
  );
  await fault();
  await platform.until(
    () => count(keys).lost === 0,
    `${name}: a verdict and a webhook for every post`,
    180_000,
  );
  await new Promise((r) => setTimeout(r, 3_000));
  const counts = count(keys);
  const line =
    `faults: ${name}: published ${counts.published} / verdicts ${counts.verdicts} / duplicates ${counts.duplicates}` +
    ` (same verdict id redelivered ${counts.redelivered}) / lost ${counts.lost} / webhooks ${counts.webhooks} (duplicate ids ${counts.webhookDuplicates})` +
    ` / supervisor restarts ${supervisor.total() - restartsBefore}`;
  console.log(line);
  summary.push(line);
  expect(counts.lost, line).toBe(0);
  expect(counts.duplicates, line).toBe(0);
  expect(counts.webhookDuplicates, line).toBe(0);
  return counts;
}

/** Connection settings as the private broker's administrator. */
function adminSettings(clientId: string): KafkaSettings {
  return { brokers: [broker.brokers], clientId, sasl: principals.admin! };
}

/** Records of `topic` read from the beginning until none arrived for `quietMs`. */
async function readTopic(topic: string, quietMs = 3_000): Promise<IncomingRecord[]> {
  const seen: IncomingRecord[] = [];
  const reader = new BatchConsumer(adminSettings('faults-reader'), {
    groupId: uniqueName('faults-reader'),
    topics: [topic],
    eachRecord: async (r) => void seen.push(r),
  });
  await reader.start();
  let last = -1;
  while (seen.length !== last) {
    last = seen.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  await reader.stop();
  return seen;
}

beforeAll(async () => {
  mkdirSync(tmp, { recursive: true });
  broker = await PrivateBroker.start(join(tmp, 'kafka'));
  postgres = await PrivatePostgres.start(join(tmp, 'postgres'));
  principals = kafkaPrincipals(broker.brokers, broker.credentialsFile);
  platform = await Platform.start({
    brokers: broker.brokers,
    sasl: principals.platform!,
    mediaDir: tmp,
    groupId: uniqueName('vigil-platform-faults'),
  });
  pipeline = await Pipeline.start({
    brokers: broker.brokers,
    kafkaPrincipals: principals,
    databaseUrl: postgres.url,
    databaseSchema: 'vigil',
    groupSuffix: `-${runId}`,
    logDir: join(ROOT, 'test-artifacts', 'faults'),
    allowHosts: '127.0.0.1',
    mediaCacheUrl: '',
    startTimeoutMs: START_TIMEOUT_MS,
    env: {
      ingest: { INGEST_SESSION_TIMEOUT_MS: '6000', KAFKA_HANDLER_MAX_ATTEMPTS: '2' },
      classifier: {
        CLASSIFIER_SESSION_TIMEOUT_MS: '6000',
        KAFKA_HANDLER_MAX_ATTEMPTS: '2',
        // Text posts only: no object detector, and fewer threads on a shared machine.
        CLASSIFIER_ALT_TEXT: 'false',
        CLASSIFIER_INTRA_OP_THREADS: '2',
        CLASSIFIER_INTER_OP_THREADS: '1',
      },
      'moderation-workers': {
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        KAFKA_HANDLER_MAX_ATTEMPTS: '2',
        WEBHOOK_TIMEOUT: '1s',
        WEBHOOK_RETRY_SCHEDULE: '0,500ms,1s,1s,2s,2s,5s,5s,5s,5s',
        WEBHOOK_RETRY_JITTER: '0',
        DATABASE_CONNECT_TIMEOUT: '2s',
      },
    },
  });
  const token = /\n(vgl_\S+)/.exec(
    await pipeline.moderationCli(['token', 'create', '--tenant', TENANT, '--scopes', 'webhooks:manage']),
  )![1]!;
  endpointId = await platform.registerWebhook(pipeline.apiUrl, TENANT, token);
  await platform.readVerdicts();
  supervisor = new Supervisor(pipeline);
  supervisor.watch();
}, 900_000);

afterAll(async () => {
  await supervisor?.stop();
  await pipeline?.stop();
  await platform?.close();
  broker?.stop(true);
  postgres?.destroy();
  rmSync(tmp, { recursive: true, force: true });
  console.log(['faults: summary', ...summary].join('\n'));
}, 120_000);

describe('faults lose nothing and decide nothing twice', () => {
  for (const name of ['ingest', 'classifier', 'moderation-workers'] as const) {
    it(`kill -9 ${name} mid-batch`, async () => {
      await scenario(`kill-${name}`, () => supervisor.killAndRestart(name));
    }, 900_000);
  }

  it('broker stopped and started again', async () => {
    await scenario('broker-restart', async () => {
      broker.stop();
      await new Promise((r) => setTimeout(r, 2_000));
      broker.startAgain();
    });
  }, 300_000);

  it('PostgreSQL restarted', async () => {
    await scenario('postgres-restart', async () => postgres.restart());
  }, 300_000);

  it('webhook receiver stalled past the delivery timeout', async () => {
    await scenario(
      'webhook-stall',
      async () => {
        await new Promise((r) => setTimeout(r, 4_000));
        platform.webhookStallMs = 0;
      },
      {
        before: async () => {
          platform.webhookStallMs = 3_000; // WEBHOOK_TIMEOUT is 1 s: every delivery meanwhile times out
        },
      },
    );
  }, 300_000);

  it('a partition full of poison records: valid posts behind it are decided, the poison is dead-lettered', async () => {
    const key = postKey(TENANT, `poison-${runId}`);
    const poisonPosts = 20;
    const producer = new RecordProducer(adminSettings('faults-poison'));
    const dlqBefore = platform.deadLetterCount;
    const behind = textPost(`poison-${runId}`); // same key: same partition, behind the poison
    await scenario('poison-partition', async () => {}, {
      extraKeys: [key],
      before: async () => {
        const poison = Array.from({ length: poisonPosts }, (_, i) => ({
          key,
          value:
            i % 4 === 0
              ? '{not json'
              : i % 4 === 1
                ? JSON.stringify({ schema_version: 1, post_id: 42 })
                : i % 4 === 2
                  ? Buffer.from([0xff, 0xfe, 0x00, 0x01])
                  : JSON.stringify({ ...behind, schema_version: 99 }),
        }));
        await producer.send(topicName(TOPICS.posts), poison);
        const garbage = Array.from({ length: 10 }, (_, i) => ({ key, value: `not msgpack ${i}` }));
        await producer.send(topicName(TOPICS.inferenceRequests), garbage);
        await producer.send(topicName(TOPICS.inferenceResults), garbage);
        await platform.publish([behind]);
      },
    });
    await platform.until(
      () => platform.deadLetterCount - dlqBefore >= poisonPosts,
      'poison posts dead-lettered',
    );
    const requests = (await readTopic(topicName(TOPICS.inferenceRequestsDlq))).filter(
      (r) => r.key?.toString() === key,
    );
    const results = (await readTopic(topicName(TOPICS.inferenceResultsDlq))).filter(
      (r) => r.key?.toString() === key,
    );
    await producer.disconnect();
    console.log(
      `faults: poison-partition: dead letters posts ${platform.deadLetterCount - dlqBefore} / requests ${requests.length} / results ${results.length}`,
    );
    expect(platform.deadLetterCount - dlqBefore).toBe(poisonPosts);
    expect(requests.map((r) => r.headers[DLQ_HEADERS.errorCode])).toEqual(
      Array(10).fill('MESSAGE_UNDECODABLE'),
    );
    expect(results.map((r) => r.headers[DLQ_HEADERS.errorCode])).toEqual(
      Array(10).fill('MESSAGE_UNDECODABLE'),
    );
  }, 300_000);

  it('needed no restart the test did not ask for', () => {
    expect(Object.fromEntries(supervisor.restarts)).toEqual({});
  });
});
