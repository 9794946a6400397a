import { availableParallelism } from 'node:os';
import { env, kafkaEnv, type EnvSchema } from '@vigil/platform';
import { z } from 'zod';

/**
 * Every environment variable the classifier worker reads (validated at boot; a bad one stops the
 * process with its name). infra/compose and infra/k8s set only these.
 */
export const envSchema = z.object({
  ...kafkaEnv('vigil-classifier'),
  /** Consumer group on `vigil.inference.requests.v1`. */
  CLASSIFIER_GROUP_ID: z.string().min(1).default('vigil-classifier'),
  /**
   * Partitions of `vigil.inference.requests.v1` handled concurrently: requests from all of them meet in
   * one dynamic batcher, so this is what lets batches form across partitions.
   */
  CLASSIFIER_PARTITIONS_CONCURRENCY: env.positiveInt(6),
  /** Group session timeout, ms: how long a dead worker holds its partitions before a rebalance. */
  CLASSIFIER_SESSION_TIMEOUT_MS: env.positiveInt(30_000),
  /** Requests decoded and queued or running per instance; partitions wait (no fetch) while it is full. */
  CLASSIFIER_MAX_IN_FLIGHT: env.positiveInt(64),
  /** Largest batch of requests classified together (every expert runs once per batch). */
  CLASSIFIER_MAX_BATCH_SIZE: env.positiveInt(16),
  /** Longest a request waits for batch-mates, ms; 0 runs whatever is queued as soon as the runner is free. */
  CLASSIFIER_MAX_QUEUE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(5),
  /** `routed`: the router picks experts per post; `dense`: every present expert on every frame. */
  CLASSIFIER_ROUTING: z.enum(['routed', 'dense']).default('routed'),
  /** Fusion graph: `contrib` (com.microsoft::MoE) or `plain` (standard operators only). */
  CLASSIFIER_MOE: z.enum(['contrib', 'plain']).default('contrib'),
  /**
   * Alt-text on every image, GIF and video result (`media[].alt_text`, carried into verdicts): the router
   * also runs the object detector on frame 0 of each. `false` skips both. Hash-matched media get none.
   */
  CLASSIFIER_ALT_TEXT: env.flag(true),
  /** Model bundle directory (`manifest.json` and the expert files), as `npm run models:build` writes it. */
  VIGIL_BUNDLE_DIR: z.string().min(1).default('.models/vigil-base'),
  /** When set, the worker refuses to start with a bundle of another version (guards a stale mount). */
  VIGIL_BUNDLE_VERSION: z.string().default(''),
  /** `cpu`, `cuda` (fail at start when CUDA cannot load) or `auto` (CUDA when it loads, else CPU). */
  VIGIL_EXECUTION_PROVIDER: z.enum(['cpu', 'cuda', 'auto']).default('auto'),
  /**
   * Threads inside one onnxruntime operator.
   * @default the cores available to this process
   */
  CLASSIFIER_INTRA_OP_THREADS: env.positiveInt(availableParallelism()),
  /**
   * Threads across independent operators (used by parallel execution mode).
   * @default the cores available to this process
   */
  CLASSIFIER_INTER_OP_THREADS: env.positiveInt(availableParallelism()),
  /** Redis URL of the media cache (`redis://host:6379/0`); empty disables the cache. */
  MEDIA_CACHE_URL: z
    .union([z.literal(''), z.string().regex(/^rediss?:\/\//, 'expected redis://…')])
    .default(''),
  /** Time to live of a cache entry, seconds (at most 30 days). */
  MEDIA_CACHE_TTL_S: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
  /** Entries larger than this (encoded) are not cached, bytes. */
  MEDIA_CACHE_MAX_ENTRY_BYTES: env.positiveInt(256 * 1024),
  /** A cache command slower than this counts as a miss, ms. */
  MEDIA_CACHE_TIMEOUT_MS: env.positiveInt(100),
  /**
   * PostgreSQL of the moderation service, read for the hash banks (read-only); empty: no hash matching.
   */
  DATABASE_URL: z
    .union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres://…')])
    .default(''),
  /** Schema of the bank tables (the moderation service's DATABASE_SCHEMA). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('public'),
  /** Hamming distance at or under which PDQ hashes match (0..47; PDQ's recommended 31). */
  HASH_MATCH_DISTANCE: z.coerce.number().int().min(0).max(47).default(31),
  /** PDQ hashes of lower quality are not matched (0..100; the reference recommends 50). */
  HASH_MATCH_MIN_QUALITY: z.coerce.number().int().min(0).max(100).default(50),
  /** vPDQ: share of a video's distinct frames that must match a bank video, 0..1 (vPDQ uses 0.8). */
  VPDQ_MATCH_THRESHOLD: z.coerce.number().min(0).max(1).default(0.8),
  /** Interface the HTTP server binds: an IP address or host name (`127.0.0.1` for local runs). */
  HTTP_HOST: env.host(),
  /** Port of the HTTP server: `/healthz`, `/readyz`, `/metrics`. */
  HTTP_PORT: env.port(3003),
  /** Log level (pino); JSON lines on stdout. */
  LOG_LEVEL: env.logLevel(),
}) satisfies EnvSchema;

export type ClassifierConfig = z.infer<typeof envSchema>;

/** DI token for the parsed config. */
export const CLASSIFIER_CONFIG = Symbol('CLASSIFIER_CONFIG');
