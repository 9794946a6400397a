import { type DynamicModule, Module } from '@nestjs/common';
import { RecordProducer } from '@vigil/kafka';
import { PlatformModule } from '@vigil/platform';
import { INGEST_CONFIG, type IngestConfig } from './config';
import { PostConsumer } from './post-consumer';
import { PostPipeline } from './post-pipeline';

/** Root module of the ingest service, built from an already-validated config. */
@Module({})
export class IngestModule {
  static forRoot(config: IngestConfig): DynamicModule {
    return {
      module: IngestModule,
      imports: [PlatformModule.forRoot({ service: 'ingest', logLevel: config.LOG_LEVEL })],
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        {
          provide: RecordProducer,
          useFactory: () =>
            new RecordProducer({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID }),
        },
        PostPipeline,
        PostConsumer,
      ],
    };
  }
}
