import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { createKafka } from './client';
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

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Exactly one of `eachRecord` / `eachBatch`. A handler that throws makes the batch retry from the last committed offset. */
  readonly eachRecord?: RecordHandler;
  readonly eachBatch?: BatchHandler;
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
 * A consumer-group member with at-least-once delivery: an offset is committed only after the
 * handler for that record has returned (so whatever it produced was acknowledged first).
 *
 * - Heartbeats run on a timer while a handler works, so a long record (a slow video) never
 *   exceeds the session timeout and triggers a rebalance (kafkajs only heartbeats between messages).
 * - Offsets are committed explicitly after each batch and before a handler error propagates.
 * - `stop()` lets the in-flight record finish, commits, and leaves the group.
 * - `pause()` / `resume()` stop and restart fetching (backpressure) without leaving the group.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private stopRequested = false;
  private running = false;
  private pausedFlag = false;
  private readonly heartbeatIntervalMs: number;

  constructor(
    settings: KafkaSettings,
    private readonly options: BatchConsumerOptions,
  ) {
    if (!options.eachRecord === !options.eachBatch) {
      throw new TypeError('BatchConsumer needs exactly one of eachRecord or eachBatch');
    }
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3000;
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
      if (this.options.eachBatch) {
        if (isStopping() || batch.messages.length === 0) return;
        const records = batch.messages.map((m) => toRecord(batch.topic, batch.partition, m));
        await this.options.eachBatch(records, ctx);
        lastDone = batch.lastOffset();
        resolveOffset(lastDone);
      } else {
        for (const message of batch.messages) {
          if (isStopping()) break;
          await this.options.eachRecord!(toRecord(batch.topic, batch.partition, message), ctx);
          resolveOffset(message.offset);
          lastDone = message.offset;
        }
      }
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
}
