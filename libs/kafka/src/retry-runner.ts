import { kafkaLog } from './client';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter';
import {
  defaultClassify,
  describeError,
  RetryDecider,
  runnerMetrics,
  type RunnerMetrics,
} from './failure-policy';
import type { BatchConsumerOptions } from './consumer-options';
import type { IncomingRecord } from './records';

/**
 * The failure side of the consumer runner: runs a handler for some records under the retry budget
 * (`deadLetter.retry`, judged by `deadLetter.classify`), backs off between tries, and dead-letters the
 * records when the budget says so; counts retries and dead letters and logs both.
 */
export class RetryRunner {
  private readonly decider: RetryDecider;
  private readonly counters: RunnerMetrics;

  constructor(private readonly options: BatchConsumerOptions) {
    this.decider = new RetryDecider(options.deadLetter?.retry);
    this.counters = runnerMetrics(options.metrics);
  }

  /**
   * Runs `work` for `records` until it succeeds, or dead-letters them when the budget says so.
   * @returns true when done (handled or dead-lettered, so the offset may be committed); false when the
   *   runner began stopping during a backoff (the records are left for the next owner of the partition).
   * @throws the handler's error when no `deadLetter` is configured; the DLQ producer's error when the
   *   dead letter itself cannot be published (kafkajs then restarts the fetch from the last commit).
   */
  async run(
    records: readonly IncomingRecord[],
    work: () => Promise<void>,
    isStopping: () => boolean,
  ): Promise<boolean> {
    const dlq = this.options.deadLetter;
    const first = records[0]!;
    const where = { group: this.options.groupId, topic: first.topic };
    const context = { ...where, partition: first.partition, offset: first.offset, records: records.length };
    let firstFailureAt = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return true;
      } catch (error) {
        if (!dlq) throw error;
        if (attempt === 1) firstFailureAt = Date.now();
        const kind = (dlq.classify ?? defaultClassify)(error);
        const decision = this.decider.decide(kind, error, attempt, firstFailureAt);
        if ('deadLetter' in decision) {
          await this.deadLetter(records, decision.deadLetter, context);
          return true;
        }
        const label = typeof kind === 'string' ? kind : 'permanent';
        this.counters.retries.inc({ ...where, kind: label });
        this.log(
          'warn',
          { ...context, attempt, kind: label, err: describeError(error) },
          'handler failed; retrying',
        );
        if (await sleepUnless(decision.retryInMs, isStopping)) return false;
      }
    }
  }

  private async deadLetter(
    records: readonly IncomingRecord[],
    reason: DeadLetterReason,
    context: Record<string, unknown>,
  ): Promise<void> {
    const dlq = this.options.deadLetter!;
    for (const record of records) {
      const topic = dlq.topicFor ? dlq.topicFor(record.topic) : `${record.topic}.dlq`;
      await publishDeadLetter(dlq.producer, record, reason, topic);
      this.counters.deadLetters.inc({ group: this.options.groupId, topic: record.topic, code: reason.code });
    }
    this.log('error', { ...context, code: reason.code, reason: reason.message }, 'record dead-lettered');
  }

  private log(level: 'warn' | 'error', context: Record<string, unknown>, message: string): void {
    if (this.options.logger) this.options.logger[level](context, message);
    else kafkaLog(level, message, context);
  }
}

/** Waits `ms` in short steps; true when `stopping()` turned true meanwhile. */
async function sleepUnless(ms: number, stopping: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (stopping()) return true;
    await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
  }
  return stopping();
}
