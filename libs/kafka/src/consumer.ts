import type { Consumer } from 'kafkajs';
import { BrokerProbe } from './admin';
import { runBatch } from './batch-handling';
import { createKafka } from './client';
import type { BatchConsumerOptions } from './consumer-options';
import type { KafkaSettings } from './records';
import { RetryRunner } from './retry-runner';

export type {
  BatchConsumerOptions,
  BatchHandler,
  DeadLetterOptions,
  HandlerContext,
  RecordHandler,
  RunnerLogger,
} from './consumer-options';

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
  private readonly retries: RetryRunner;
  private readonly brokers: BrokerProbe;

  constructor(
    settings: KafkaSettings,
    private readonly options: BatchConsumerOptions,
  ) {
    if (!options.eachRecord === !options.eachBatch) {
      throw new TypeError('BatchConsumer needs exactly one of eachRecord or eachBatch');
    }
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3000;
    this.retries = new RetryRunner(options);
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
      eachBatch: (payload) =>
        runBatch(payload, {
          options: this.options,
          retries: this.retries,
          heartbeatIntervalMs: this.heartbeatIntervalMs,
          stopRequested: () => this.stopRequested,
        }),
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
}
