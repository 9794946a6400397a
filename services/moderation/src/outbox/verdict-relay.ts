import { ALL_TOPICS, topicName } from '@vigil/contracts';
import type { RecordProducer } from '@vigil/kafka';
import { sql } from 'kysely';
import type { Db } from '../database/database';

/** The manifest entry of an outbox row's topic. @throws Error for a name not in the manifest. */
function manifestTopic(name: string) {
  const spec = ALL_TOPICS.find((t) => t.name === name);
  if (!spec) throw new Error(`outbox row names unknown topic ${name}`);
  return spec;
}

export interface RelaySettings {
  /** Environment prefix for topic names (`KAFKA_TOPIC_PREFIX`). */
  readonly topicPrefix: string;
  /** Most outbox rows claimed and published per transaction. */
  readonly batchSize: number;
}

/**
 * Publishes committed outbox rows to Kafka (the transactional outbox's relay).
 *
 * One `publishBatch` is one transaction: claim up to `batchSize` unsent rows in id order with
 * `FOR UPDATE SKIP LOCKED` (several relays split the work, none waits on another), publish them with the
 * idempotent producer and wait for `acks=all`, mark them sent, commit. A relay that dies before the
 * commit releases its rows and another (or its restart) publishes them, so nothing committed is lost.
 * A death after the broker's ack but before the commit can publish a row twice; consumers deduplicate by
 * `verdict_id` (also in the `vigil-verdict-id` header).
 *
 * Ordering: with one relay, rows of one key are published in commit-id order. With several relays two
 * revisions of one post may be published out of order; verdicts carry `revision`, keep the highest.
 */
export class VerdictRelay {
  constructor(
    private readonly db: Db,
    private readonly producer: RecordProducer,
    private readonly settings: RelaySettings,
  ) {}

  /**
   * Publishes one batch.
   * @returns rows published (0 when none was pending).
   * @throws the producer's error after recording it on the rows (they stay unsent for the next try).
   */
  async publishBatch(): Promise<number> {
    let failure: unknown;
    const published = await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'topic', 'message_key', 'payload', 'headers'])
        .where('sent_at', 'is', null)
        // A human verdict waits out its undo window.
        .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', sql<Date>`now()`)]))
        .orderBy('id')
        .limit(this.settings.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      try {
        const byTopic = new Map<string, typeof rows>();
        for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
        for (const [topic, records] of byTopic) {
          await this.producer.send(
            topicName(manifestTopic(topic), this.settings.topicPrefix),
            records.map((r) => ({ key: r.message_key, value: r.payload, headers: r.headers })),
          );
        }
      } catch (error) {
        failure = error;
        await trx
          .updateTable('outbox')
          .set({
            attempts: sql`attempts + 1`,
            last_error: String((error as Error)?.message ?? error).slice(0, 1000),
          })
          .where('id', 'in', ids)
          .execute();
        return 0;
      }
      await trx
        .updateTable('outbox')
        .set({ sent_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null })
        .where('id', 'in', ids)
        .execute();
      return rows.length;
    });
    if (failure) throw failure;
    return published;
  }

  /**
   * Deletes rows published more than `olderThanMs` ago, at most `limit` per call (the verdicts
   * themselves stay in `verdicts`; the outbox is only the delivery queue).
   * @returns rows deleted.
   */
  async purgeSent(olderThanMs: number, limit = 10_000): Promise<number> {
    const result = await sql`
      DELETE FROM outbox WHERE id IN (
        SELECT id FROM outbox WHERE sent_at < now() - make_interval(secs => ${olderThanMs / 1000})
        ORDER BY id LIMIT ${limit})`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  /** Rows committed but not yet published (for metrics and tests). */
  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
