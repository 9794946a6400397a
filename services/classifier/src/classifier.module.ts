import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { kafkaSettings, RecordProducer } from '@vigil/kafka';
import { MetricsRegistry, PlatformModule, ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ClassificationQueue } from './classification-queue';
import { loadClassifierRuntime, type ClassifierRuntime } from './classifier-runtime';
import { CLASSIFIER_CONFIG, type ClassifierConfig } from './config';
import type { ResolvedProvider } from './execution-provider';
import type { ExpertModule } from '@vigil/model';
import { HashBankIndex } from './hash-banks';
import { InferenceConsumer } from './inference-consumer';
import { MediaCache } from './media-cache';
import { ClassifierMetrics } from './metrics';

/** DI tokens. */
export const CLASSIFIER_RUNTIME = Symbol('CLASSIFIER_RUNTIME');
export const MEDIA_CACHE = Symbol('MEDIA_CACHE');
export const HASH_BANKS = Symbol('HASH_BANKS');

/** Reports the loaded models (provider, bundle, warm-up) in `/readyz`, logs and metrics; closes the cache. */
@Injectable()
class RuntimeLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CLASSIFIER_RUNTIME) private readonly runtime: ClassifierRuntime,
    @Inject(MEDIA_CACHE) private readonly cache: MediaCache | null,
    @Inject(HASH_BANKS) private readonly banks: HashBankIndex | null,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(ClassifierMetrics) private readonly metrics: ClassifierMetrics,
    @InjectPinoLogger('ClassifierRuntime') private readonly log: PinoLogger,
  ) {}

  onModuleInit(): void {
    const { classifier, provider, warmupMs, unsupported, frameExperts } = this.runtime;
    const bundle = { name: classifier.manifest.name, version: classifier.manifest.version };
    if (provider.fallbackReason)
      this.log.warn(
        { requested: provider.requested, reason: provider.fallbackReason },
        'VIGIL_EXECUTION_PROVIDER=auto: CUDA unavailable, running on the CPU',
      );
    if (unsupported.length > 0)
      this.log.warn({ unsupported }, 'the bundle lists experts this worker cannot run; they are skipped');
    this.log.info(
      { provider: provider.provider, bundle, frame_experts: frameExperts, warmup_ms: Math.round(warmupMs) },
      'models loaded and warmed up',
    );
    this.metrics.info.set(
      {
        provider: provider.provider,
        requested: provider.requested,
        bundle: bundle.name,
        version: bundle.version,
      },
      1,
    );
    this.readiness.register('models', async () => ({
      provider: provider.provider,
      requested_provider: provider.requested,
      ...(provider.fallbackReason ? { fallback_reason: provider.fallbackReason } : {}),
      bundle: bundle.name,
      version: bundle.version,
      dir: this.runtime.bundleDir,
      frame_experts: frameExperts,
      ...(unsupported.length > 0 ? { unsupported_experts: unsupported.map((u) => u.name) } : {}),
      warmup_ms: Math.round(warmupMs),
    }));
    // Informational: a cache outage costs speed, not readiness.
    this.readiness.register('media-cache', async () => ({ redis: this.cache?.status ?? 'disabled' }));
    // Loaded before start-up completes; a later database outage keeps the last index.
    this.readiness.register('hash-banks', async () =>
      this.banks
        ? {
            enabled: true,
            ...this.banks.counts,
            ...(this.banks.tablesMissing ? { tables: 'missing (not migrated yet)' } : {}),
            refreshed_at: this.banks.lastRefresh?.toISOString() ?? null,
          }
        : { enabled: false, reason: 'no DATABASE_URL' },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cache?.close();
    await this.banks?.close();
  }
}

export interface ClassifierModuleOptions {
  /** Expert modules to load the bundle's experts from (default: @vigil/model's EXPERT_REGISTRY). */
  readonly modules?: readonly ExpertModule[];
}

/**
 * Root module of the classifier worker, built from a validated config and the execution provider
 * resolved before start-up. Creating it loads and warms up the models, so the HTTP probes answer (and
 * `/readyz` passes) only once the worker can classify.
 */
@Module({})
export class ClassifierModule {
  static forRoot(
    config: ClassifierConfig,
    provider: ResolvedProvider,
    options: ClassifierModuleOptions = {},
  ): DynamicModule {
    return {
      module: ClassifierModule,
      imports: [PlatformModule.forRoot({ service: 'classifier', logLevel: config.LOG_LEVEL })],
      providers: [
        { provide: CLASSIFIER_CONFIG, useValue: config },
        {
          provide: CLASSIFIER_RUNTIME,
          useFactory: () =>
            loadClassifierRuntime({
              bundleDir: config.VIGIL_BUNDLE_DIR,
              expectedVersion: config.VIGIL_BUNDLE_VERSION,
              provider,
              intraOpThreads: config.CLASSIFIER_INTRA_OP_THREADS,
              interOpThreads: config.CLASSIFIER_INTER_OP_THREADS,
              moe: config.CLASSIFIER_MOE,
              altText: config.CLASSIFIER_ALT_TEXT,
              ...(options.modules ? { modules: options.modules } : {}),
            }),
        },
        {
          provide: ClassifierMetrics,
          inject: [MetricsRegistry],
          useFactory: (registry: MetricsRegistry) => new ClassifierMetrics(registry),
        },
        {
          provide: MEDIA_CACHE,
          inject: [CLASSIFIER_RUNTIME, ClassifierMetrics],
          useFactory: async (runtime: ClassifierRuntime, metrics: ClassifierMetrics) => {
            if (!config.MEDIA_CACHE_URL) return null;
            const log = new Logger('MediaCache');
            const { manifest } = runtime.classifier;
            let lastError = '';
            const cache = new MediaCache({
              url: config.MEDIA_CACHE_URL,
              scope: [
                `${manifest.name}@${manifest.version}`,
                config.CLASSIFIER_ROUTING,
                config.CLASSIFIER_ALT_TEXT ? 'alt-text' : 'no-alt-text',
                [...runtime.frameExperts].sort().join(','),
              ].join('|'),
              ttlS: config.MEDIA_CACHE_TTL_S,
              maxEntryBytes: config.MEDIA_CACHE_MAX_ENTRY_BYTES,
              timeoutMs: config.MEDIA_CACHE_TIMEOUT_MS,
              onLookup: (result, n) => metrics.cacheLookups.inc({ result }, n),
              onWrite: (result, n) => metrics.cacheWrites.inc({ result }, n),
              onError: (error) => {
                if (error.message === lastError) return; // once per distinct problem, not per retry
                lastError = error.message;
                log.warn(`media cache: Redis unavailable (${error.message}); lookups count as misses`);
              },
            });
            await cache.connect();
            return cache;
          },
        },
        {
          provide: HASH_BANKS,
          inject: [ClassifierMetrics],
          useFactory: async (metrics: ClassifierMetrics) => {
            if (!config.DATABASE_URL) return null;
            const log = new Logger('HashBanks');
            const index = new HashBankIndex({
              url: config.DATABASE_URL,
              schema: config.DATABASE_SCHEMA,
              minQuality: config.HASH_MATCH_MIN_QUALITY,
              onRefresh: ({ full, rows, ms }) => {
                const counts = index.counts;
                metrics.hashBankEntries.set({ signal: 'pdq' }, counts.pdq_hashes);
                metrics.hashBankEntries.set({ signal: 'vpdq' }, counts.vpdq_videos);
                log.log(
                  `${full ? 'loaded' : 'refreshed'} hash banks: ${rows} rows read in ${Math.round(ms)} ms; ` +
                    `${counts.banks} banks, ${counts.pdq_hashes} pdq hashes, ${counts.vpdq_videos} vpdq videos`,
                );
              },
              onError: (error) => log.warn(`hash banks: ${error.message}`),
            });
            // Known content must not slip through while the banks are unreadable (database down or
            // starting): the worker waits here, before consuming anything. A schema the moderation service
            // has not migrated yet holds no banks: the index starts empty and loads them when they appear.
            for (let attempt = 1; ; attempt++) {
              try {
                await index.start();
                return index;
              } catch (error) {
                log.warn(
                  `hash banks unreadable (attempt ${attempt}, retrying in 2 s): ${(error as Error).message}`,
                );
                await new Promise((r) => setTimeout(r, 2000));
              }
            }
          },
        },
        {
          provide: ClassificationQueue,
          inject: [CLASSIFIER_RUNTIME, MEDIA_CACHE, ClassifierMetrics, HASH_BANKS],
          useFactory: (
            runtime: ClassifierRuntime,
            cache: MediaCache | null,
            metrics: ClassifierMetrics,
            banks: HashBankIndex | null,
          ) =>
            new ClassificationQueue(runtime.classifier, {
              maxBatchSize: config.CLASSIFIER_MAX_BATCH_SIZE,
              maxDelayMs: config.CLASSIFIER_MAX_QUEUE_DELAY_MS,
              routing: config.CLASSIFIER_ROUTING,
              metrics,
              ...(cache ? { cache } : {}),
              ...(banks
                ? {
                    hashBanks: {
                      index: banks,
                      settings: {
                        maxDistance: config.HASH_MATCH_DISTANCE,
                        minQuality: config.HASH_MATCH_MIN_QUALITY,
                        videoThreshold: config.VPDQ_MATCH_THRESHOLD,
                      },
                    },
                  }
                : {}),
            }),
        },
        {
          provide: RecordProducer,
          useFactory: () => new RecordProducer(kafkaSettings(config)),
        },
        RuntimeLifecycle,
        InferenceConsumer,
      ],
    };
  }
}
