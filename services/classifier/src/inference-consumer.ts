import { performance } from 'node:perf_hooks';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  decodeInternal,
  encodeInternal,
  InferenceRequestSchema,
  internalHeaders,
  MessageDecodeError,
  postKey,
  TOPICS,
  topicName,
  topicsWithPrefix,
  type InferenceRequest,
} from '@vigil/contracts';
import {
  BatchConsumer,
  defaultClassify,
  kafkaSettings,
  RecordProducer,
  retryBudget,
  TopicAdmin,
  type IncomingRecord,
  type OutgoingRecord,
} from '@vigil/kafka';
import { MetricsRegistry, ReadinessRegistry, traceHeaders, withSpan } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ClassificationQueue } from './classification-queue';
import { CLASSIFIER_CONFIG, type ClassifierConfig } from './config';
import { DynamicBatcher } from './dynamic-batcher';
import { ClassifierMetrics } from './metrics';

/** Schema name in the `vigil-schema` header of produced results. */
export const INFERENCE_RESULT_SCHEMA = 'inference-result.v1';

/** A counting semaphore: at most `limit` holders; `acquire` waits in FIFO order. */
class InFlightLimit {
  private held = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.held < this.limit) {
      this.held++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else this.held--;
  }
}

/**
 * The classifier's consumer-group member on `vigil.inference.requests.v1`. Every fetched partition
 * batch (several partitions at once) is handed over record by record to the shared
 * `ClassificationQueue`, whose dynamic batcher gathers requests across partitions. Results go out in
 * batches too (one produce per group of finished results, `acks=all`); a partition batch returns —
 * and its offsets are committed — only after every one of its results was acknowledged. Heartbeats
 * continue on a timer while it waits (BatchConsumer).
 *
 * Bounded work: at most `CLASSIFIER_MAX_IN_FLIGHT` requests are decoded and unanswered; a partition
 * handler waiting for a slot holds its partition (kafkajs fetches a partition again only after its
 * handler returned), so a full worker stops fetching without leaving the group.
 *
 * The runner (BatchConsumer, records of a batch handled concurrently) judges failures: undecodable
 * records go to `vigil.inference.requests.v1.dlq` with `MESSAGE_UNDECODABLE` at once; a produce that
 * fails is retried with backoff (transient); any other exception is retried per `KAFKA_HANDLER_MAX_ATTEMPTS`
 * and then dead-lettered with `RETRIES_EXHAUSTED`. A request an expert fails on still gets a result
 * (see ClassificationQueue).
 */
@Injectable()
export class InferenceConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private consumer?: BatchConsumer;
  private readonly slots: InFlightLimit;
  private readonly sink: DynamicBatcher<OutgoingRecord, void>;
  private readonly resultsTopic: string;

  constructor(
    @Inject(CLASSIFIER_CONFIG) private readonly config: ClassifierConfig,
    @Inject(ClassificationQueue) private readonly queue: ClassificationQueue,
    @Inject(RecordProducer) private readonly producer: RecordProducer,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(ClassifierMetrics) private readonly metrics: ClassifierMetrics,
    @Inject(MetricsRegistry) private readonly registry: MetricsRegistry,
    @InjectPinoLogger(InferenceConsumer.name) private readonly log: PinoLogger,
  ) {
    this.slots = new InFlightLimit(config.CLASSIFIER_MAX_IN_FLIGHT);
    this.resultsTopic = topicName(TOPICS.inferenceResults, config.KAFKA_TOPIC_PREFIX);
    this.sink = new DynamicBatcher<OutgoingRecord, void>({
      maxBatchSize: 64,
      maxDelayMs: 0, // send as soon as the producer is free; results finishing meanwhile share the next send
      isolateFailures: false,
      run: async (records) => {
        await this.producer.send(this.resultsTopic, records);
        return records.map(() => undefined);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = kafkaSettings(this.config);
    const admin = new TopicAdmin(settings);
    if (this.config.KAFKA_ENSURE_TOPICS) {
      const created = await admin.ensureTopics(topicsWithPrefix(this.config.KAFKA_TOPIC_PREFIX));
      if (created.length > 0) this.log.info({ created }, 'created topics');
    }
    await this.producer.connect();
    this.consumer = new BatchConsumer(settings, {
      groupId: this.config.CLASSIFIER_GROUP_ID,
      topics: [topicName(TOPICS.inferenceRequests, this.config.KAFKA_TOPIC_PREFIX)],
      partitionsConsumedConcurrently: this.config.CLASSIFIER_PARTITIONS_CONCURRENCY,
      sessionTimeoutMs: this.config.CLASSIFIER_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: Math.min(3000, Math.floor(this.config.CLASSIFIER_SESSION_TIMEOUT_MS / 3)),
      // Requests carry raw pixels (hundreds of kB each): fetch a few per partition, not one.
      maxBytesPerPartition: 4 * 1024 * 1024,
      recordsConcurrently: true,
      eachRecord: (record) => this.handleRecord(record),
      deadLetter: {
        producer: this.producer,
        topicFor: () => topicName(TOPICS.inferenceRequestsDlq, this.config.KAFKA_TOPIC_PREFIX),
        classify: (error) =>
          error instanceof MessageDecodeError
            ? { code: error.code, message: error.message }
            : defaultClassify(error),
        retry: retryBudget(this.config),
      },
      metrics: this.registry.registry,
      logger: this.log,
      onCrash: (error) => {
        this.log.fatal({ err: error }, 'kafka consumer crashed; exiting so the orchestrator restarts us');
        process.kill(process.pid, 'SIGTERM');
      },
    });
    await this.consumer.start();
    this.readiness.register('consumer', () => this.consumer!.checkReady());
  }

  /** Resolves once this member has partitions (tests). */
  waitForAssignment(timeoutMs?: number): Promise<void> {
    return this.consumer!.waitForAssignment(timeoutMs);
  }

  /**
   * Handles one request; resolves once its result is acknowledged.
   * @throws MessageDecodeError for a record that is not a request (the runner dead-letters it at once);
   *   the producer's error when the result cannot be sent (retried per the runner's budget).
   */
  async handleRecord(record: IncomingRecord): Promise<void> {
    await this.slots.acquire();
    this.metrics.inFlight.inc();
    const started = performance.now();
    try {
      const request = this.decode(record);
      const parent = record.headers.traceparent
        ? record.headers
        : request.traceparent
          ? { traceparent: request.traceparent }
          : {};
      await withSpan('vigil-classifier', 'classify', parent, async (span) => {
        span.setAttribute('vigil.request_id', request.request_id);
        const result = await this.queue.classify(request);
        const traceparent = traceHeaders().traceparent ?? request.traceparent;
        const outcome = await this.sink.submit({
          key: postKey(result.tenant_id, result.post_id),
          value: encodeInternal(traceparent ? { ...result, traceparent } : result),
          headers: internalHeaders(INFERENCE_RESULT_SCHEMA, traceparent),
        });
        if (!outcome.ok) throw outcome.error;
        this.metrics.requests.inc({ status: result.status });
        this.metrics.requestSeconds.observe((performance.now() - started) / 1000);
      });
    } finally {
      this.metrics.inFlight.dec();
      this.slots.release();
    }
  }

  /** The request in `record`; counts and rethrows a MessageDecodeError (the runner dead-letters it). */
  private decode(record: IncomingRecord): InferenceRequest {
    try {
      return decodeInternal(InferenceRequestSchema, record.value ?? Buffer.alloc(0));
    } catch (error) {
      if (error instanceof MessageDecodeError) {
        this.metrics.deadLetters.inc({ code: error.code });
        this.metrics.errors.inc({ code: error.code, expert: '' });
      }
      throw error;
    }
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.log.info({ signal }, 'stopping: finishing in-flight requests and committing');
    await this.consumer?.stop();
    await this.queue.close();
    await this.sink.close();
    this.log.info('consumer stopped');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
