import type { Registry } from 'prom-client';
import type { FailureKind, RetryBudget } from './failure-policy';
import type { RecordProducer } from './producer';
import type { IncomingRecord } from './records';

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
