/**
 * `npm run bench:delivery`: verdict delivery throughput through the transactional outbox.
 *
 * 1. record   N classifier results → verdict + outbox rows + webhook deliveries (PostgreSQL commits)
 * 2. kafka    the relay publishes the outbox to `vigil.verdicts.v1` (acks=all, idempotent producer)
 * 3. webhook  the dispatcher delivers signed webhooks to a local receiver (one endpoint)
 * 4. both     relay and dispatcher together on a second batch, as one instance runs them
 *
 * Env: KAFKA_BROKERS (127.0.0.1:9092), DATABASE_URL (…/vigil_test), BENCH_VERDICTS (2000),
 * BENCH_ENDPOINT_CONCURRENCY (16). Uses a throwaway schema and topic prefix, removed at the end.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { TOPICS, topicName, topicsWithPrefix } from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import { testBroker } from '@vigil/kafka/testing';
import { createEgressAgent } from '@vigil/platform';
import { PolicySet } from '@vigil/policy';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { createDatabase, migrateToLatest } from '../src/database/database';
import { VerdictRelay } from '../src/outbox/verdict-relay';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { EndpointStore } from '../src/webhooks/endpoint-store';
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher';
import { makeResult, startReceiver } from '../test/support';

const N = Number(process.env.BENCH_VERDICTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_ENDPOINT_CONCURRENCY ?? 16);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil_test';
const schema = `bench_${randomBytes(4).toString('hex')}`;
const prefix = `bench.${randomBytes(4).toString('hex')}.`;
// As the broker's administrator (KAFKA_SASL_* or the local broker's credentials file): a bench of its own topics.
const settings = testBroker(brokers).settings('bench-delivery');

const rate = (count: number, ms: number) => `${((count * 1000) / ms).toFixed(0)} verdicts/s`;

async function main(): Promise<void> {
  const db = createDatabase({ url, schema, poolSize: 10 });
  const admin = new TopicAdmin(settings);
  const producer = new RecordProducer(settings);
  const receiver = await startReceiver();
  const agent = createEgressAgent({ allow: ['127.0.0.1'] });
  try {
    await migrateToLatest(db, schema);
    await admin.ensureTopics(
      topicsWithPrefix(prefix).filter((t) => t.name === topicName(TOPICS.verdicts, prefix)),
    );
    await producer.connect();
    const { endpoint, secret } = await new EndpointStore(db).create({
      tenantId: 'bench',
      url: receiver.url,
      maxConcurrency: CONCURRENCY,
      actor: 'bench',
    });
    const recorder = new ResultRecorder(db, new PolicySet([]));
    const relay = new VerdictRelay(db, producer, { topicPrefix: prefix, batchSize: 200 });
    const dispatcher = new WebhookDispatcher(db, agent, {
      timeoutMs: 15_000,
      schedule: [0, 5000],
      jitter: 0.2,
      disableAfterMs: 5 * 86_400_000,
      maxInFlight: 64,
    });
    const results = (batch: string) =>
      Array.from({ length: N }, (_, i) =>
        makeResult({
          tenant: 'bench',
          postId: `${batch}-${i}`,
          endpointId: endpoint.endpoint_id,
          scores: { spam: (i % 100) / 100, profanity: ((i * 7) % 100) / 100 },
        }),
      );
    const recordAll = async (list: ReturnType<typeof results>, parallel = 8) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < list.length) await recorder.record(list[next++]!);
        }),
      );
    };
    const drainRelay = async () => {
      while ((await relay.publishBatch()) > 0 || (await relay.pending()) > 0);
    };
    const delivered = async () =>
      Number(
        (
          await db
            .selectFrom('webhook_deliveries')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('status', '=', 'succeeded')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const drainWebhooks = async (target: number) => {
      while ((await delivered()) < target) {
        if ((await dispatcher.dispatchDue()) === 0) await new Promise((r) => setTimeout(r, 5));
      }
      await dispatcher.drain();
    };

    const figures: [string, string][] = [];
    let t = performance.now();
    await recordAll(results('a'));
    figures.push(['record (result → verdict + outbox, 8 in parallel)', rate(N, performance.now() - t)]);

    t = performance.now();
    await drainRelay();
    figures.push(['outbox → Kafka (relay, batches of 200)', rate(N, performance.now() - t)]);

    t = performance.now();
    await drainWebhooks(N);
    figures.push([
      `outbox → local receiver (signed, ${CONCURRENCY} per endpoint)`,
      rate(N, performance.now() - t),
    ]);

    await recordAll(results('b'));
    t = performance.now();
    await Promise.all([drainRelay(), drainWebhooks(2 * N)]);
    figures.push(['outbox → Kafka + receiver together', rate(N, performance.now() - t)]);

    const sample = receiver.requests.slice(0, 20);
    for (const r of sample) new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    const ids = new Set(receiver.requests.map((r) => r.headers['webhook-id']));

    console.log(
      `bench:delivery — ${N} verdicts per run, ${cpus().length} CPUs, PostgreSQL + Kafka on this host`,
    );
    const width = Math.max(...figures.map(([k]) => k.length));
    for (const [k, v] of figures) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(
      `  receiver got ${receiver.requests.length} requests, ${ids.size} distinct webhook-ids; ` +
        `${sample.length} signatures verified`,
    );
  } finally {
    await agent.close();
    await receiver.close();
    await producer.disconnect();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    await db.destroy();
    await admin.deleteTopics([topicName(TOPICS.verdicts, prefix)]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
