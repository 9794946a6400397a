import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { MAX_MEDIA_PER_POST, requestBindingKeysEnv, TOPICS } from '@vigil/contracts';
import type { MediaLimits } from '@vigil/media';
import { env, kafkaEnv, type EnvSchema } from '@vigil/platform';
import { z } from 'zod';

/** Repository (or image) root: `src/` and `dist/` both sit two levels below it. */
const ROOT = resolve(__dirname, '..', '..', '..');

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const list = () =>
  z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    );

/**
 * Every environment variable the ingest service reads (validated at boot; a bad one stops the process
 * with its name). infra/compose and infra/k8s set only these. Sizes in bytes, times in ms unless named _S.
 */
export const envSchema = z.object({
  ...kafkaEnv('vigil-ingest'),
  /** Consumer group on `vigil.posts.v1`. */
  INGEST_GROUP_ID: z.string().min(1).default('vigil-ingest'),
  /** Partitions of `vigil.posts.v1` handled concurrently by one instance (one post in flight per partition). */
  INGEST_PARTITIONS_CONCURRENCY: env.positiveInt(4),
  /** Consumer-group session timeout: a member silent this long (a crashed pod) loses its partitions. */
  INGEST_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(30_000),
  /** Model bundle whose manifest names the image sizes to produce; relative paths start at the repository root. */
  VIGIL_BUNDLE_DIR: z
    .string()
    .default('.models/vigil-base')
    .transform((p) => (isAbsolute(p) ? p : resolve(ROOT, p))),
  /**
   * Media decoded at once (sharp / ffmpeg).
   * @default one per CPU core
   */
  INGEST_DECODE_CONCURRENCY: env.positiveInt(availableParallelism()),
  /** Media waiting for a decode slot at which ingest pauses fetching from Kafka. */
  INGEST_DECODE_QUEUE: env.positiveInt(16),
  /** Private addresses, CIDR ranges or host names media may be fetched from (SSRF allow-list); empty = public only. */
  INGEST_MEDIA_ALLOW: list(),
  /** TCP/TLS connect timeout of a media fetch, ms. */
  INGEST_FETCH_CONNECT_TIMEOUT_MS: env.positiveInt(5_000),
  /** Whole media fetch (redirects, headers and body), ms. */
  INGEST_FETCH_TIMEOUT_MS: env.positiveInt(30_000),
  /** Redirects followed. */
  INGEST_FETCH_MAX_REDIRECTS: count(3),
  /** Largest fetched medium, bytes (checked on `Content-Length` and while streaming). */
  INGEST_MEDIA_MAX_BYTES: env.positiveInt(50 * 1024 * 1024),
  /** Largest inline (base64) medium, decoded bytes. */
  INGEST_INLINE_MAX_BYTES: env.positiveInt(1024 * 1024),
  /** Largest image or video frame, width × height, read from the header. */
  INGEST_MAX_PIXELS: env.positiveInt(50_000_000),
  /** Longest video or audio, seconds, read from the container header. */
  INGEST_MAX_DURATION_S: env.positiveInt(300),
  /** Frames sampled per video (uniform, about one a second). */
  INGEST_VIDEO_FRAMES: env.positiveInt(8),
  /** Frames sampled per animated GIF/WebP (evenly spread). */
  INGEST_ANIMATION_FRAMES: env.positiveInt(8),
  /** Time to decode one medium (ffprobe + ffmpeg, or sharp), ms; ffmpeg is killed when it passes. */
  INGEST_DECODE_TIMEOUT_MS: env.positiveInt(30_000),
  /**
   * Media analysed per post (at most the contract's MAX_MEDIA_PER_POST, 32); the rest are neither fetched
   * nor forwarded, and POST_TOO_MANY_MEDIA counts them. Posts over MAX_MEDIA_PER_POST are dead-lettered.
   */
  INGEST_MAX_MEDIA: z.coerce.number().int().min(1).max(MAX_MEDIA_PER_POST).default(8),
  /** Caption length in Unicode code points; longer captions are cut (POST_TEXT_TOO_LONG). */
  INGEST_TEXT_MAX_CHARS: env.positiveInt(10_000),
  /** Largest encoded inference request; bigger ones drop frames, then media (MEDIA_TOO_LARGE). */
  INGEST_MAX_REQUEST_BYTES: env.positiveInt(TOPICS.inferenceRequests.maxMessageBytes - 64 * 1024),
  /** Parent folder of per-medium temp folders (video and audio); default the OS temp dir. */
  INGEST_TMP_DIR: z.string().optional(),
  /** ffmpeg binary that decodes video and audio: a path, or a name looked up on PATH. */
  FFMPEG_PATH: z.string().trim().min(1).default('ffmpeg'),
  /** ffprobe binary that reads video and audio headers first: a path, or a name looked up on PATH. */
  FFPROBE_PATH: z.string().trim().min(1).default('ffprobe'),
  /**
   * Keyring of the request binding ingest puts on every inference request (HMAC-SHA256 over tenant, post,
   * revision and media digests; moderation records only results that carry a valid one):
   * `id:<base64, at least 32 bytes>[,id:…]`, the first key signs. Moderation must hold the same keys.
   * Make one with `openssl rand -base64 32`; rotation: docs/threat-model.md.
   */
  REQUEST_BINDING_KEYS: requestBindingKeysEnv(),
  /** Interface the HTTP server binds: an IP address or host name (`127.0.0.1` for local runs). */
  HTTP_HOST: env.host(),
  /** Port of the HTTP server: `/healthz`, `/readyz`, `/metrics`. */
  HTTP_PORT: env.port(3001),
  /** Log level (pino); JSON lines on stdout. */
  LOG_LEVEL: env.logLevel(),
}) satisfies EnvSchema;

export type IngestConfig = z.infer<typeof envSchema>;

/** DI token for the parsed config. */
export const INGEST_CONFIG = Symbol('INGEST_CONFIG');

/** The media limits named by the config. */
export function mediaLimits(config: IngestConfig): MediaLimits {
  return {
    maxBytes: config.INGEST_MEDIA_MAX_BYTES,
    maxInlineBytes: config.INGEST_INLINE_MAX_BYTES,
    connectTimeoutMs: config.INGEST_FETCH_CONNECT_TIMEOUT_MS,
    fetchTimeoutMs: config.INGEST_FETCH_TIMEOUT_MS,
    maxRedirects: config.INGEST_FETCH_MAX_REDIRECTS,
    maxPixels: config.INGEST_MAX_PIXELS,
    maxDurationMs: config.INGEST_MAX_DURATION_S * 1000,
    maxVideoFrames: config.INGEST_VIDEO_FRAMES,
    maxAnimationFrames: config.INGEST_ANIMATION_FRAMES,
    decodeTimeoutMs: config.INGEST_DECODE_TIMEOUT_MS,
  };
}
