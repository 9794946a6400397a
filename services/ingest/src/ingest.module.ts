import { type DynamicModule, Module } from '@nestjs/common';
import { imageVariantSpecs, readBundleManifest } from '@vigil/contracts';
import { kafkaSettings, RecordProducer } from '@vigil/kafka';
import { DecodePool, MediaProcessor } from '@vigil/media';
import { PlatformModule } from '@vigil/platform';
import { INGEST_CONFIG, mediaLimits, type IngestConfig } from './config';
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
          useFactory: () => new RecordProducer(kafkaSettings(config)),
        },
        {
          provide: DecodePool,
          useFactory: () => new DecodePool(config.INGEST_DECODE_CONCURRENCY, config.INGEST_DECODE_QUEUE),
        },
        {
          provide: MediaProcessor,
          inject: [DecodePool],
          // The image sizes are the bundle's: a missing or invalid manifest stops the boot (BundleManifestError).
          useFactory: (pool: DecodePool) =>
            new MediaProcessor({
              limits: mediaLimits(config),
              specs: imageVariantSpecs(readBundleManifest(config.VIGIL_BUNDLE_DIR)),
              egress: { allow: config.INGEST_MEDIA_ALLOW },
              pool,
              tmpDir: config.INGEST_TMP_DIR,
              ffmpegPath: config.FFMPEG_PATH,
              ffprobePath: config.FFPROBE_PATH,
            }),
        },
        PostPipeline,
        PostConsumer,
      ],
    };
  }
}
