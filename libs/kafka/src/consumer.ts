import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Registry } from 'prom-client';
import { BrokerProbe } from './admin';
import { createKafka, kafkaLog } from './client';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter';
import {
  defaultClassify,
  describeError,
  RetryDecider,
  runnerMetrics,
  type FailureKind,
  type RetryBudget,
  type RunnerMetrics,
} from './failure-policy';
import type { RecordProducer } from './producer';
import type { IncomingRecord, KafkaSettings } from './records';

/** What a handler may do while it works on records. */
export interface HandlerContext {
  /** Tells the group coordinator this member is alive; the runner also does it on a timer. */
  heartbeat(): Promise<void>;
  /** True once `stop()` was called or the partition was revoked: finish the current record and return. */
  readonly stopping: boolean;
}

/** Handles one record; records of one partition are handled one at a time, in offset order. */
export type RecordHandler = (record: IncomingRecord, ctx: HandlerContext) => Promise<void>;
/** Handles every fetched record of one partition at once (for workers that batch across records). */
export type BatchHandler = (records: readonly IncomingRecord[], ctx: HandlerContext) => Promise<void>;

/** Where records the handler cannot process go, and how failures are judged. */
export interface DeadLetterOptions {
  readonly producer: RecordProducer;
  /** Dead-letter topic of a source topic. Default `<topic>.dlq`. */
  readonly topicFor?: (sourceTopic: string) => string;
  /** Judges a handler error (see `FailureKind`). Default `defaultClassify`: kafkajs-retriable → transient. */
  readonly classify?: (error: unknown) => FailureKind;
  /** Retry budget before a failing record is dead-lettered. */
  readonly retry?: RetryBudget;
}

/** Where the runner logs retries and dead letters (a pino logger fits). Default: the kafka log sink. */
export interface RunnerLogger {
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * Exactly one of `eachRecord` / `eachBatch`. With `deadLetter`, a handler that throws is retried per the
   * budget and then its record (every record of the batch, for `eachBatch`) is dead-lettered and committed,
   * so the partition moves on and the consumer never crashes. Without it (test readers) the error
   * propagates and the batch is retried from the last committed offset.
   */
  readonly eachRecord?: RecordHandler;
  readonly eachBatch?: BatchHandler;
  /** Records of one fetched partition batch are handled at once (for workers that batch across records). */
  readonly recordsConcurrently?: boolean;
  readonly deadLetter?: DeadLetterOptions;
  /** Registry of the runner's counters (`vigil_kafka_handler_retries_total`, `vigil_kafka_dead_letters_total`). */
  readonly metrics?: Registry;
  readonly logger?: RunnerLogger;
  /** Partitions handled concurrently by this member. Default 1. */
  readonly partitionsConsumedConcurrently?: number;
  /** A new group starts at the earliest offset (default true), so nothing published before start-up is skipped. */
  readonly fromBeginning?: boolean;
  /** Group session timeout, ms (default 30000); heartbeats go out every `heartbeatIntervalMs` (default 3000). */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Upper bound on bytes fetched per partition per request (default 1 MiB). */
  readonly maxBytesPerPartition?: number;
  /** Called when kafkajs gives up (e.g. broker gone for longer than its retries); the service should exit. */
  readonly onCrash?: (error: Error) => void;
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

/**
 * The consumer runner every Vigil service uses: a consumer-group member with at-least-once delivery,
 * where an offset is committed only after the handler for that record has returned (so whatever it
 * produced was acknowledged first), and where no record can crash the consumer or block its partition.
 *
 * - Failures (with `deadLetter`): `classify` judges each handler error; permanent ones are dead-lettered
 *   at once, unknown ones after `maxAttempts` tries, transient ones after `transientBudgetMs` of backoff
 *   (see `FailureKind`, `RetryBudget`). A dead letter keeps the original bytes and carries the reason in
 *   `vigil-error-*` headers; `vigil_kafka_dead_letters_total{code}` counts it (alert on
 *   `RETRIES_EXHAUSTED`), `vigil_kafka_handler_retries_total` counts retries.
 * - Heartbeats run on a timer while a handler works or backs off, so a long record (a slow video) never
 *   exceeds the session timeout and triggers a rebalance (kafkajs only heartbeats between messages).
 * - Offsets are committed explicitly after each batch.
 * - `stop()` (SIGTERM) lets the in-flight record finish, commits, and leaves the group; a record in
 *   backoff is left uncommitted for the next owner.
 * - `pause()` / `resume()` stop and restart fetching (backpressure) without leaving the group.
 * - `checkReady()` is the readiness probe: running, and the cluster answered within its cache time.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private stopRequested = false;
  private running = false;
  private pausedFlag = false;
  private readonly heartbeatIntervalMs: number;
  private readonly decider: RetryDecider;
  private readonly counters: RunnerMetrics;
  private readonly brokers: BrokerProbe;

  constructor(
    settings: KafkaSettings,
    private readonly options: BatchConsumerOptions,
  ) {
    if (!options.eachRecord === !options.eachBatch) {
      throw new TypeError('BatchConsumer needs exactly one of eachRecord or eachBatch');
    }
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3000;
    this.decider = new RetryDecider(options.deadLetter?.retry);
    this.counters = runnerMetrics(options.metrics);
    this.brokers = BrokerProbe.for(settings);
    this.consumer = createKafka(settings).consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.heartbeatIntervalMs,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1024 * 1024,
      // A fetch waits at most this long for data; stop() waits for the fetch in flight, so this bounds shutdown.
      maxWaitTimeInMs: 1000,
      allowAutoTopicCreation: false,
      retry: { retries: 8 },
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const error = event.payload.error;
      if (!event.payload.restart) options.onCrash?.(error);
    });
  }

  /** True after `start()` resolved and until `stop()`. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Joins the group and starts consuming; resolves once the run loop is started (not when partitions are assigned). */
  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.runBatch(payload),
    });
    this.running = true;
  }

  /**
   * Stops fetching from every subscribed topic, for backpressure (e.g. while a decode pool is full).
   * Records already fetched are still handled and committed; the member stays in the group and keeps
   * heartbeating, so pausing never triggers a rebalance. A no-op unless running.
   */
  pause(): void {
    if (!this.running || this.pausedFlag) return;
    this.pausedFlag = true;
    this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
  }

  /** Fetches again after `pause()`. A no-op unless paused. */
  resume(): void {
    if (!this.running || !this.pausedFlag) return;
    this.pausedFlag = false;
    this.consumer.resume(this.options.topics.map((topic) => ({ topic })));
  }

  /** True between `pause()` and `resume()`. */
  get isPaused(): boolean {
    return this.pausedFlag;
  }

  /**
   * Readiness: throws unless the runner is running; otherwise returns the broker count, asked at most
   * once per `cacheMs` (default 5000) with one request in flight, so probes never open a connection each.
   * @throws Error when not running or when no broker answered.
   */
  async checkReady(cacheMs = 5000): Promise<{ brokers: number }> {
    if (!this.running) throw new Error(`consumer group ${this.options.groupId}: not running`);
    return { brokers: await this.brokers.get(cacheMs) };
  }

  /** Resolves once this member has joined the group and been assigned partitions (or `timeoutMs` passes). */
  async waitForAssignment(timeoutMs = 30_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(
          new Error(`consumer group ${this.options.groupId}: no partitions assigned after ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
  }

  /** Graceful stop: no new records are started, the in-flight one finishes and is committed, then the member leaves. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.running = false;
    await this.consumer.disconnect();
  }

  private async runBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, isRunning, isStale } = payload;
    const isStopping = () => this.stopRequested || !isRunning() || isStale();
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
    }, this.heartbeatIntervalMs);
    try {
      const records = batch.messages.map((m) => toRecord(batch.topic, batch.partition, m));
      if (this.options.eachBatch) {
        if (isStopping() || records.length === 0) return;
        const done = await this.withBudget(records, () => this.options.eachBatch!(records, ctx), isStopping);
        if (done) lastDone = batch.lastOffset();
      } else if (this.options.recordsConcurrently) {
        const done = await Promise.all(
          records.map((r) => this.withBudget([r], () => this.options.eachRecord!(r, ctx), isStopping)),
        );
        // Commit the records done in a row from the start; the rest are fetched again.
        for (let i = 0; i < records.length && done[i]; i++) lastDone = records[i]!.offset;
      } else {
        for (const record of records) {
          if (isStopping()) break;
          const done = await this.withBudget(
            [record],
            () => this.options.eachRecord!(record, ctx),
            isStopping,
          );
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

  /**
   * Runs `work` for `records` until it succeeds, or dead-letters them when the budget says so.
   * @returns true when done (handled or dead-lettered, so the offset may be committed); false when the
   *   runner began stopping during a backoff (the records are left for the next owner of the partition).
   * @throws the handler's error when no `deadLetter` is configured; the DLQ producer's error when the
   *   dead letter itself cannot be published (kafkajs then restarts the fetch from the last commit).
   */
  private async withBudget(
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
