import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TOPICS, topicName, topicsWithPrefix } from '@vigil/contracts';
import { BatchConsumer, RecordProducer, TopicAdmin } from '@vigil/kafka';
import { ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { INGEST_CONFIG, type IngestConfig } from './config';
import { PostPipeline } from './post-pipeline';

/**
 * The ingest consumer-group member: reads `vigil.posts.v1`, hands each record to the pipeline and
 * commits after it returns. Starts after the app is wired; on SIGTERM it stops fetching, lets the
 * in-flight record finish and commits before the producer disconnects.
 */
@Injectable()
export class PostConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private consumer?: BatchConsumer;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly pipeline: PostPipeline,
    private readonly producer: RecordProducer,
    private readonly readiness: ReadinessRegistry,
    @InjectPinoLogger(PostConsumer.name) private readonly log: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = { brokers: this.config.KAFKA_BROKERS, clientId: this.config.KAFKA_CLIENT_ID };
    const admin = new TopicAdmin(settings);
    if (this.config.KAFKA_ENSURE_TOPICS) {
      const created = await admin.ensureTopics(topicsWithPrefix(this.config.KAFKA_TOPIC_PREFIX));
      if (created.length > 0) this.log.info({ created }, 'created topics');
    }
    await this.producer.connect();
    this.consumer = new BatchConsumer(settings, {
      groupId: this.config.INGEST_GROUP_ID,
      topics: [topicName(TOPICS.posts, this.config.KAFKA_TOPIC_PREFIX)],
      partitionsConsumedConcurrently: this.config.INGEST_PARTITIONS_CONCURRENCY,
      eachRecord: (record) => this.pipeline.handle(record),
      onCrash: (error) => {
        this.log.fatal({ err: error }, 'kafka consumer crashed; exiting so the orchestrator restarts us');
        process.kill(process.pid, 'SIGTERM');
      },
    });
    await this.consumer.start();
    this.readiness.register('kafka', async () => ({ brokers: await admin.brokerCount() }));
    this.readiness.register('consumer', async () => {
      if (!this.consumer?.isRunning) throw new Error('consumer not running');
    });
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.log.info({ signal }, 'stopping: finishing in-flight posts and committing');
    await this.consumer?.stop();
    this.log.info('consumer stopped');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
