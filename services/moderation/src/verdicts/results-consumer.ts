import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  decodeInternal,
  type DeadLetterCode,
  InferenceResultSchema,
  MessageDecodeError,
  TOPICS,
  topicName,
} from '@vigil/contracts';
import { BatchConsumer, publishDeadLetter, RecordProducer, type IncomingRecord } from '@vigil/kafka';
import { MetricsRegistry, ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { OutboxSignal } from '../workers/outbox-signal';
import { permanentRecordFailure } from './record-failure';
import { ResultRecorder } from './result-recorder';

/**
 * The results consumer-group member: reads `vigil.inference.results.v1`, records each result (verdict +
 * outbox in one transaction) and commits the offset after the commit. Records that can never be recorded
 * go to `vigil.inference.results.v1.dlq` and their offset is committed, so they never block the partition:
 * undecodable ones with `MESSAGE_UNDECODABLE`, results the database rejects as data with
 * `RESULT_DATA_INVALID` (SQLSTATE class 22) or `RESULT_CONSTRAINT_VIOLATION` (class 23). Any other
 * error (connection lost, serialization failure, deadlock, pool timeout) fails the batch, which is
 * retried from the last committed offset with the consumer's backoff (recording is idempotent).
 */
@Injectable()
export class ResultsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: BatchConsumer;
  private readonly verdicts;
  private readonly duplicates;
  private readonly deadLetters;
  private readonly retries;
  private readonly latency;

  constructor(
    @Inject(MODERATION_CONFIG) private readonly config: ModerationConfig,
    private readonly recorder: ResultRecorder,
    private readonly producer: RecordProducer,
    private readonly signal: OutboxSignal,
    private readonly readiness: ReadinessRegistry,
    metrics: MetricsRegistry,
    @InjectPinoLogger(ResultsConsumer.name) private readonly log: PinoLogger,
  ) {
    this.verdicts = metrics.counter('vigil_moderation_verdicts_total', 'Model verdicts created', ['action']);
    this.duplicates = metrics.counter(
      'vigil_moderation_duplicate_results_total',
      'Results for an already decided revision',
    );
    this.deadLetters = metrics.counter('vigil_moderation_dead_letters_total', 'Results sent to the DLQ', [
      'code',
    ]);
    this.retries = metrics.counter(
      'vigil_moderation_record_retries_total',
      'Results whose recording failed transiently (retried from the last committed offset)',
    );
    this.latency = metrics.histogram('vigil_moderation_record_seconds', 'Result decoded → verdict committed');
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = { brokers: this.config.KAFKA_BROKERS, clientId: this.config.KAFKA_CLIENT_ID };
    this.consumer = new BatchConsumer(settings, {
      groupId: this.config.RESULTS_GROUP_ID,
      topics: [topicName(TOPICS.inferenceResults, this.config.KAFKA_TOPIC_PREFIX)],
      partitionsConsumedConcurrently: this.config.RESULTS_PARTITIONS_CONCURRENCY,
      eachRecord: (record) => this.handle(record),
      onCrash: (error) => {
        this.log.fatal({ err: error }, 'kafka consumer crashed; exiting so the orchestrator restarts us');
        process.kill(process.pid, 'SIGTERM');
      },
    });
    await this.consumer.start();
    this.readiness.register('results-consumer', async () => {
      if (!this.consumer?.isRunning) throw new Error('results consumer not running');
    });
  }

  /** Resolves once this member has partitions (tests). */
  waitForAssignment(timeoutMs?: number): Promise<void> {
    return this.consumer!.waitForAssignment(timeoutMs);
  }

  async handle(record: IncomingRecord): Promise<void> {
    const started = Date.now();
    let result;
    try {
      result = decodeInternal(InferenceResultSchema, record.value ?? Buffer.alloc(0));
    } catch (error) {
      if (!(error instanceof MessageDecodeError)) throw error;
      await this.deadLetter(record, { code: error.code, message: error.message });
      return;
    }
    let outcome;
    try {
      outcome = await this.recorder.record(result, started);
    } catch (error) {
      const permanent = permanentRecordFailure(error);
      if (permanent === null) {
        this.retries.inc();
        throw error;
      }
      await this.deadLetter(record, permanent, { request_id: result.request_id });
      return;
    }
    if (outcome.outcome === 'duplicate') {
      this.duplicates.inc();
      this.log.debug({ request_id: result.request_id }, 'duplicate result ignored');
      return;
    }
    this.verdicts.inc({ action: outcome.verdict.actions[0]!.action });
    this.latency.observe((Date.now() - started) / 1000);
    this.signal.notify();
  }

  /**
   * Publishes the original record to `vigil.inference.results.v1.dlq` with the reason in `vigil-error-*`
   * headers, counts and logs it; resolves after the broker's ack, so the caller's return commits the offset.
   */
  private async deadLetter(
    record: IncomingRecord,
    reason: { readonly code: DeadLetterCode; readonly message: string },
    context: Record<string, unknown> = {},
  ): Promise<void> {
    this.log.warn(
      { ...context, code: reason.code, partition: record.partition, offset: record.offset },
      `result dead-lettered: ${reason.message}`,
    );
    await publishDeadLetter(
      this.producer,
      record,
      reason,
      topicName(TOPICS.inferenceResultsDlq, this.config.KAFKA_TOPIC_PREFIX),
    );
    this.deadLetters.inc({ code: reason.code });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
