import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { BatchConsumerOptions, HandlerContext } from './consumer-options';
import type { IncomingRecord } from './records';
import type { RetryRunner } from './retry-runner';

/**
 * Handles one fetched partition batch: records one at a time in offset order, all at once
 * (`recordsConcurrently`), or as one batch (`eachBatch`), each under the retry budget; heartbeats on a
 * timer meanwhile; then commits the offset after the last record done in a row. Stops early (leaving
 * the rest uncommitted) once the runner stops or the partition is revoked.
 */
export async function runBatch(
  payload: EachBatchPayload,
  runner: {
    readonly options: BatchConsumerOptions;
    readonly retries: RetryRunner;
    readonly heartbeatIntervalMs: number;
    readonly stopRequested: () => boolean;
  },
): Promise<void> {
  const { options, retries, heartbeatIntervalMs } = runner;
  const { batch, resolveOffset, isRunning, isStale } = payload;
  const isStopping = () => runner.stopRequested() || !isRunning() || isStale();
  const ctx: HandlerContext = {
    heartbeat: () => payload.heartbeat(),
    get stopping() {
      return isStopping();
    },
  };
  let lastDone: string | null = null;
  const timer = setInterval(() => {
    payload.heartbeat().catch(() => {
      /* a rebalance is under way: isStale() reports it to the loop */
    });
  }, heartbeatIntervalMs);
  try {
    const records = batch.messages.map((m) => toRecord(batch.topic, batch.partition, m));
    if (options.eachBatch) {
      if (isStopping() || records.length === 0) return;
      const done = await retries.run(records, () => options.eachBatch!(records, ctx), isStopping);
      if (done) lastDone = batch.lastOffset();
    } else if (options.recordsConcurrently) {
      const done = await Promise.all(
        records.map((r) => retries.run([r], () => options.eachRecord!(r, ctx), isStopping)),
      );
      // Commit the records done in a row from the start; the rest are fetched again.
      for (let i = 0; i < records.length && done[i]; i++) lastDone = records[i]!.offset;
    } else {
      for (const record of records) {
        if (isStopping()) break;
        const done = await retries.run([record], () => options.eachRecord!(record, ctx), isStopping);
        if (!done) break;
        resolveOffset(record.offset);
        lastDone = record.offset;
      }
    }
    if (lastDone !== null) resolveOffset(lastDone);
  } finally {
    clearInterval(timer);
    if (lastDone !== null) {
      // The payload's commit goes straight to the group coordinator; `consumer.commitOffsets`
      // is skipped by kafkajs once stop() began, which would drop the in-flight record's commit.
      await payload.commitOffsetsIfNecessary({
        topics: [
          {
            topic: batch.topic,
            partitions: [{ partition: batch.partition, offset: nextOffset(lastDone) }],
          },
        ],
      });
    }
  }
}

function toRecord(topic: string, partition: number, m: KafkaMessage): IncomingRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) headers[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return { topic, partition, offset: m.offset, key: m.key, value: m.value, headers, timestamp: m.timestamp };
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
