import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { decodeInternal, InferenceResultSchema, TOPICS, topicName } from '@vigil/contracts';
import { BatchConsumer, kafkaSettings, RecordProducer, retryBudget, type IncomingRecord } from '@vigil/kafka';
import { MetricsRegistry, ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { OutboxSignal } from '../workers/outbox-signal';
import { DeadLetterError, permanentRecordFailure, recordFailureKind } from './record-failure';
import { ResultRecorder, unstorableResult } from './result-recorder';

/**
 * The results consumer-group member: reads `vigil.inference.results.v1`, records each result (verdict +
 * outbox in one transaction) and commits the offset after the commit. Failures follow the runner's rules
 * (`recordFailureKind`), and every accepted post still gets exactly one verdict:
 * - undecodable records → `vigil.inference.results.v1.dlq` with `MESSAGE_UNDECODABLE` (there is no post
 *   to give a verdict to);
 * - results whose request binding (REQUEST_BINDING_KEYS) is missing or does not match their tenant, post,
 *   revision and media → the DLQ with `RESULT_BINDING_INVALID`, nothing recorded: they answer no request
 *   ingest issued (a forged or altered result), so they must neither decide nor block the real one;
 * - results the database refuses as they are (SQLSTATE 22/23/54/08P01, e.g. two media with one
 *   `media_id`) → an error verdict (`POST_NOT_STORED`, no scores, decided by the policy's error rule,
 *   delivered like any verdict) and the original record to the DLQ with the SQLSTATE reason;
 * - NUL characters never reach the database (`withoutNul`);
 * - database or broker unreachable → retried with backoff (`KAFKA_TRANSIENT_RETRY_MS`); any other
 *   exception → retried `KAFKA_HANDLER_MAX_ATTEMPTS` times, then dead-lettered (`RETRIES_EXHAUSTED`).
 * Recording is idempotent (one model verdict per revision), so retries and redeliveries never decide twice.
 */
@Injectable()
export class ResultsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: BatchConsumer;
  private readonly verdicts;
  private readonly duplicates;
  private readonly latency;

  constructor(
    @Inject(MODERATION_CONFIG) private readonly config: ModerationConfig,
    private readonly recorder: ResultRecorder,
    private readonly producer: RecordProducer,
    private readonly signal: OutboxSignal,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsRegistry,
    @InjectPinoLogger(ResultsConsumer.name) private readonly log: PinoLogger,
  ) {
    this.verdicts = metrics.counter('vigil_moderation_verdicts_total', 'Model verdicts created', ['action']);
    this.duplicates = metrics.counter(
      'vigil_moderation_duplicate_results_total',
      'Results for an already decided revision',
    );
    this.latency = metrics.histogram('vigil_moderation_record_seconds', 'Result decoded → verdict committed');
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(kafkaSettings(this.config), {
      groupId: this.config.RESULTS_GROUP_ID,
      topics: [topicName(TOPICS.inferenceResults, this.config.KAFKA_TOPIC_PREFIX)],
      partitionsConsumedConcurrently: this.config.RESULTS_PARTITIONS_CONCURRENCY,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: Math.min(3000, Math.floor(this.config.KAFKA_SESSION_TIMEOUT_MS / 3)),
      eachRecord: (record) => this.handle(record),
      deadLetter: {
        producer: this.producer,
        topicFor: () => topicName(TOPICS.inferenceResultsDlq, this.config.KAFKA_TOPIC_PREFIX),
        classify: recordFailureKind,
        retry: retryBudget(this.config),
      },
      metrics: this.metrics.registry,
      logger: this.log,
      onCrash: (error) => {
        this.log.fatal({ err: error }, 'kafka consumer crashed; exiting so the orchestrator restarts us');
        process.kill(process.pid, 'SIGTERM');
      },
    });
    await this.consumer.start();
    this.readiness.register('results-consumer', () => this.consumer!.checkReady());
  }

  /** Resolves once this member has partitions (tests). */
  waitForAssignment(timeoutMs?: number): Promise<void> {
    return this.consumer!.waitForAssignment(timeoutMs);
  }

  /**
   * Records one result.
   * @throws MessageDecodeError (dead-lettered at once); DeadLetterError for a result without a valid
   *   request binding (nothing recorded) or after an error verdict replaced a
   *   result the database refused; the database's error otherwise (judged by `recordFailureKind`).
   */
  async handle(record: IncomingRecord): Promise<void> {
    const started = Date.now();
    const result = decodeInternal(InferenceResultSchema, record.value ?? Buffer.alloc(0));
    const bound = this.config.REQUEST_BINDING_KEYS!.verify(result, result.request_binding);
    if (!bound.ok) {
      this.log.warn(
        { request_id: result.request_id, tenant_id: result.tenant_id, reason: bound.reason },
        'result answers no request ingest issued: dead-lettered, not recorded',
      );
      throw new DeadLetterError({ code: 'RESULT_BINDING_INVALID', message: bound.reason });
    }
    let outcome;
    try {
      outcome = await this.recorder.record(result, started);
    } catch (error) {
      const permanent = permanentRecordFailure(error);
      if (permanent === null) throw error;
      this.log.warn(
        { request_id: result.request_id, code: permanent.code, reason: permanent.message },
        'result refused by the database: recording an error verdict',
      );
      outcome = await this.recorder.record(unstorableResult(result, permanent.code), started);
      this.count(outcome, started);
      throw new DeadLetterError(permanent);
    }
    this.count(outcome, started);
  }

  private count(outcome: Awaited<ReturnType<ResultRecorder['record']>>, started: number): void {
    if (outcome.outcome === 'duplicate') {
      this.duplicates.inc();
      return;
    }
    this.verdicts.inc({ action: outcome.verdict.actions[0]!.action });
    this.latency.observe((Date.now() - started) / 1000);
    this.signal.notify();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
