import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { RecordProducer } from '@vigil/kafka';
import { MetricsRegistry, ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { DATABASE, type Db } from '../database/database';
import { OutboxSignal } from '../workers/outbox-signal';
import { PollingLoop, runWorkerLoop } from '../workers/polling-loop';
import { VerdictRelay } from './verdict-relay';

/**
 * Runs the outbox relay (role `relay`): publishes batches while rows are pending, polls otherwise, and
 * once a minute deletes rows published longer ago than OUTBOX_RETENTION.
 */
@Injectable()
export class RelayWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: VerdictRelay;
  private readonly loop: PollingLoop;
  private readonly retentionMs: number;
  private stopLoop?: () => Promise<void>;
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @Inject(MODERATION_CONFIG) config: ModerationConfig,
    @Inject(DATABASE) db: Db,
    producer: RecordProducer,
    private readonly signal: OutboxSignal,
    private readonly readiness: ReadinessRegistry,
    metrics: MetricsRegistry,
    @InjectPinoLogger(RelayWorker.name) private readonly log: PinoLogger,
  ) {
    this.retentionMs = config.OUTBOX_RETENTION;
    this.relay = new VerdictRelay(db, producer, {
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      batchSize: config.OUTBOX_BATCH_SIZE,
    });
    const published = metrics.counter('vigil_outbox_published_total', 'Outbox rows published to Kafka');
    const errors = metrics.counter('vigil_outbox_publish_errors_total', 'Failed outbox publish batches');
    this.loop = new PollingLoop(
      async () => {
        const n = await this.relay.publishBatch();
        published.inc(n);
        return n;
      },
      config.OUTBOX_POLL_INTERVAL,
      (error) => {
        errors.inc();
        this.log.error({ err: error }, 'outbox publish failed; retrying');
      },
    );
  }

  onApplicationBootstrap(): void {
    this.stopLoop = runWorkerLoop(this.loop, 'outbox-relay', this.signal, this.readiness);
    this.purgeTimer = setInterval(() => {
      this.relay
        .purgeSent(this.retentionMs)
        .catch((error: unknown) => this.log.warn({ err: error }, 'outbox purge failed'));
    }, 60_000);
    this.purgeTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.stopLoop?.();
  }
}
