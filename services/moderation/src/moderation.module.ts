import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { topicsWithPrefix } from '@vigil/contracts';
import { BrokerProbe, kafkaSettings, RecordProducer, TopicAdmin } from '@vigil/kafka';
import { PlatformModule, ReadinessRegistry } from '@vigil/platform';
import { PolicySet } from '@vigil/policy';
import { TenantAuthGuard } from './api/tenant-auth.guard';
import { ApiTokensController } from './api/api-tokens.controller';
import { VerdictsController } from './api/verdicts.controller';
import { WebhookEndpointsController } from './api/webhook-endpoints.controller';
import { MODERATION_CONFIG, type ModerationConfig } from './config';
import { createDatabase, DATABASE, type Db } from './database/database';
import { DatabaseLifecycle } from './database/database-lifecycle';
import { MediaSourcesConsumer } from './media/media-sources';
import { RelayWorker } from './outbox/relay-worker';
import { reviewApi } from './review-api.providers';
import { ResultRecorder } from './verdicts/result-recorder';
import { ResultsConsumer } from './verdicts/results-consumer';
import { DispatcherWorker } from './webhooks/dispatcher-worker';
import { EndpointStore } from './webhooks/endpoint-store';
import { OutboxSignal } from './workers/outbox-signal';
import { WebhookSecretBox } from './webhooks/secret-box';

/** Creates the manifest's topics (when configured) before the workers start; disconnects the producer last. */
@Injectable()
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(MODERATION_CONFIG) private readonly config: ModerationConfig,
    private readonly producer: RecordProducer,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    const settings = kafkaSettings(this.config);
    if (this.config.KAFKA_ENSURE_TOPICS)
      await new TopicAdmin(settings).ensureTopics(topicsWithPrefix(this.config.KAFKA_TOPIC_PREFIX));
    const brokers = BrokerProbe.for(settings);
    this.readiness.register('kafka', async () => ({ brokers: await brokers.get() }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

/**
 * Root module of the moderation service. Which long-running parts run is chosen by
 * `MODERATION_ROLES` (api, results, relay, webhooks, media), so they can be scaled as separate
 * deployments; every part is safe to run in several instances at once. `api` includes the review API
 * the dashboard uses.
 */
@Module({})
export class ModerationModule {
  static forRoot(config: ModerationConfig, policies: PolicySet): DynamicModule {
    const roles = new Set(config.MODERATION_ROLES);
    const kafka = roles.has('results') || roles.has('relay') || roles.has('media');
    const providers: Provider[] = [
      { provide: MODERATION_CONFIG, useValue: config },
      { provide: PolicySet, useValue: policies },
      {
        provide: DATABASE,
        useFactory: () =>
          createDatabase({
            url: config.DATABASE_URL,
            schema: config.DATABASE_SCHEMA,
            poolSize: config.DATABASE_POOL_SIZE,
            connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT,
            statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT,
          }),
      },
      DatabaseLifecycle,
      OutboxSignal,
      {
        provide: EndpointStore,
        inject: [DATABASE],
        useFactory: (db: Db) => {
          const box = WebhookSecretBox.fromKeyring(config.WEBHOOK_SECRET_KEYS);
          if (!box.encrypts)
            new Logger('Webhooks').warn(
              'WEBHOOK_SECRET_KEYS is empty: webhook signing secrets are stored unencrypted',
            );
          return new EndpointStore(db, box);
        },
      },
      {
        provide: ResultRecorder,
        inject: [DATABASE, PolicySet],
        useFactory: (db: Db, set: PolicySet) => new ResultRecorder(db, set),
      },
    ];
    if (kafka) {
      providers.push(
        {
          provide: RecordProducer,
          useFactory: () => new RecordProducer(kafkaSettings(config)),
        },
        KafkaLifecycle,
      );
    }
    if (roles.has('results')) providers.push(ResultsConsumer);
    if (roles.has('relay')) providers.push(RelayWorker);
    if (roles.has('webhooks')) providers.push(DispatcherWorker);
    if (roles.has('media')) providers.push(MediaSourcesConsumer);
    const review = reviewApi(config);
    if (roles.has('api')) providers.push(TenantAuthGuard, ...review.providers);
    return {
      module: ModerationModule,
      imports: [PlatformModule.forRoot({ service: 'moderation', logLevel: config.LOG_LEVEL })],
      controllers: roles.has('api')
        ? [VerdictsController, WebhookEndpointsController, ApiTokensController, ...review.controllers]
        : [],
      providers,
    };
  }
}
