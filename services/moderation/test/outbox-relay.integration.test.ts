import { postKey, TOPICS, topicName, topicsWithPrefix, VerdictV1Schema } from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { PolicySet } from '@vigil/policy';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { VerdictRelay } from '../src/outbox/verdict-relay';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { DATABASE_URL, freshSchema, makeResult, recordsForKey } from './support';

let broker: TestBroker;
let db: Db;
let schema: string;
let drop: () => Promise<void>;
let producer: RecordProducer;
let recorder: ResultRecorder;
const prefix = `${uniqueName('relay')}.`;
const settings = () => broker.settings('relay-test');
const verdictTopic = () => topicName(TOPICS.verdicts, prefix);
const relay = (batchSize = 100) => new VerdictRelay(db, producer, { topicPrefix: prefix, batchSize });

beforeAll(async () => {
  broker = await startTestBroker();
  ({ db, schema, drop } = await freshSchema());
  await new TopicAdmin(settings()).ensureTopics(
    topicsWithPrefix(prefix).filter((t) => t.name === verdictTopic()),
  );
  producer = new RecordProducer(settings());
  recorder = new ResultRecorder(db, new PolicySet([]));
});

afterAll(async () => {
  await producer?.disconnect();
  await drop?.();
  await new TopicAdmin(settings()).deleteTopics([verdictTopic()]);
  await broker?.stop();
});

describe('verdict relay (transactional outbox)', () => {
  it('publishes a verdict committed before a relay crash exactly once after restart', async () => {
    const result = makeResult({ scores: { spam: 0.97 } });
    const recorded = await recorder.record(result);
    expect(recorded.outcome).toBe('created');
    if (recorded.outcome !== 'created') return;

    // A relay claims the row, then dies before publishing (its connection is killed mid-transaction).
    const crashed = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    await crashed.connect();
    crashed.on('error', () => {});
    await crashed.query('BEGIN');
    const claimed = await crashed.query('SELECT id FROM outbox WHERE sent_at IS NULL FOR UPDATE SKIP LOCKED');
    expect(claimed.rowCount).toBe(1);
    // While it holds the row another relay skips it instead of waiting.
    expect(await relay().publishBatch()).toBe(0);
    const pid = (await crashed.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    await sql`SELECT pg_terminate_backend(${pid})`.execute(db);
    await crashed.end().catch(() => {});

    const restarted = relay();
    expect(await restarted.pending()).toBe(1);
    expect(await restarted.publishBatch()).toBe(1);
    expect(await restarted.publishBatch()).toBe(0);

    const records = await recordsForKey(
      settings(),
      verdictTopic(),
      postKey(result.tenant_id, result.post_id),
    );
    expect(records).toHaveLength(1);
    const verdict = VerdictV1Schema.parse(JSON.parse(records[0]!.value!.toString()));
    expect(verdict.verdict_id).toBe(recorded.verdict.verdict_id);
    expect(verdict.actions[0]).toMatchObject({
      action: 'remove',
      rule: 'spam.remove',
      score: 0.97,
      threshold: 0.95,
    });
    expect(records[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'vigil-schema': 'verdict.v1',
      'vigil-verdict-id': verdict.verdict_id,
    });
    const row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.attempts).toBe(1);
  });

  it('lets several relays drain the outbox together, each verdict once', async () => {
    const tenant = 'relay-many';
    const postId = uniqueName('p').replace('.', '-');
    const results = Array.from({ length: 30 }, (_, revision) => makeResult({ tenant, postId, revision }));
    for (const r of results) await recorder.record(r);
    const relays = [relay(4), relay(4), relay(4)];
    const counts = await Promise.all(
      relays.map(async (r) => {
        let total = 0;
        for (let n = await r.publishBatch(); n > 0 || (await r.pending()) > 0; n = await r.publishBatch())
          total += n;
        return total;
      }),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const records = await recordsForKey(settings(), verdictTopic(), postKey(tenant, postId));
    const revisions = records
      .map((r) => JSON.parse(r.value!.toString()).revision as number)
      .sort((a, b) => a - b);
    expect(revisions).toEqual(results.map((r) => r.revision));
  });

  it('purges published rows after the retention, never unsent ones', async () => {
    await recorder.record(makeResult({ tenant: 'purge' }));
    await db
      .updateTable('outbox')
      .set({ sent_at: new Date(Date.now() - 8 * 86_400_000) })
      .where('sent_at', 'is not', null)
      .execute();
    const before = await db.selectFrom('outbox').select(['id', 'sent_at']).execute();
    const unsent = before.filter((r) => r.sent_at === null).length;
    expect(unsent).toBe(1);
    expect(await relay().purgeSent(7 * 86_400_000)).toBe(before.length - unsent);
    expect(await db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
  });
});
