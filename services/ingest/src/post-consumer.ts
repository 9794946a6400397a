import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TOPICS, topicName, topicsWithPrefix } from '@vigil/contracts';
import {
  BatchConsumer,
  BrokerProbe,
  kafkaSettings,
  RecordProducer,
  retryBudget,
  TopicAdmin,
} from '@vigil/kafka';
import { DecodePool, MediaProcessor } from '@vigil/media';
import { MetricsRegistry, ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { INGEST_CONFIG, type IngestConfig } from './config';
import { PostPipeline } from './post-pipeline';

/**
 * The ingest consumer-group member: reads `vigil.posts.v1`, hands each record to the pipeline and
 * commits after it returns. Partitions are handled concurrently (one post in flight per partition);
 * when the decode pool reports itself full, fetching pauses until it has room again, so memory stays
 * bounded under any load. Starts after the app is wired; on SIGTERM it stops fetching, lets the
 * in-flight records finish and commits before the producer and the media fetcher close.
 */
@Injectable()
export class PostConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private consumer?: BatchConsumer;
  private unsubscribePressure?: () => void;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly pipeline: PostPipeline,
    private readonly producer: RecordProducer,
    private readonly pool: DecodePool,
    private readonly processor: MediaProcessor,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsRegistry,
    @InjectPinoLogger(PostConsumer.name) private readonly log: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = kafkaSettings(this.config);
    const admin = new TopicAdmin(settings);
    if (this.config.KAFKA_ENSURE_TOPICS) {
      const created = await admin.ensureTopics(topicsWithPrefix(this.config.KAFKA_TOPIC_PREFIX));
      if (created.length > 0) this.log.info({ created }, 'created topics');
    }
    await this.producer.connect();
    // Broker reachable: one cached probe per process (not a connection per /readyz call).
    const brokers = BrokerProbe.for(settings);
    this.readiness.register('kafka', async () => ({ brokers: await brokers.get() }));
    this.consumer = new BatchConsumer(settings, {
      groupId: this.config.INGEST_GROUP_ID,
      topics: [topicName(TOPICS.posts, this.config.KAFKA_TOPIC_PREFIX)],
      partitionsConsumedConcurrently: this.config.INGEST_PARTITIONS_CONCURRENCY,
      sessionTimeoutMs: this.config.INGEST_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: Math.min(3_000, Math.floor(this.config.INGEST_SESSION_TIMEOUT_MS / 3)),
      eachRecord: (record) => this.pipeline.handle(record),
      deadLetter: {
        producer: this.producer,
        topicFor: () => topicName(TOPICS.postsDlq, this.config.KAFKA_TOPIC_PREFIX),
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
    this.watchDecodePool(this.consumer);
    this.readiness.register('consumer', () => this.consumer!.checkReady());
  }

  /** Pauses fetching while the decode pool is full. */
  private watchDecodePool(consumer: BatchConsumer): void {
    const pauses = this.metrics.counter(
      'vigil_ingest_fetch_pauses_total',
      'Times fetching paused because the decode pool was full.',
    );
    this.unsubscribePressure = this.pool.onPressure((full) => {
      if (full) {
        consumer.pause();
        pauses.inc();
        this.log.info({ queued: this.pool.queued }, 'decode pool full: fetching paused');
      } else {
        consumer.resume();
        this.log.info({ queued: this.pool.queued }, 'decode pool has room: fetching resumed');
      }
    });
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.log.info({ signal }, 'stopping: finishing in-flight posts and committing');
    await this.consumer?.stop();
    this.log.info('consumer stopped');
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribePressure?.();
    await this.producer.disconnect();
    await this.processor.close();
  }
}
