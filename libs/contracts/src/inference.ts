import { z } from 'zod';
import { ErrorDetailSchema, CategoryScoreSchema } from './verdict';
import { ExternalId, MEDIA_KINDS, TenantId } from './post';
import { CATEGORY_IDS } from './taxonomy';

/**
 * Internal messages between ingest → classifier → moderation, on `vigil.inference.requests.v1` and
 * `vigil.inference.results.v1`. Binary: MessagePack, then LZ4 (see `codec.ts`). Every message carries
 * its schema version, the post key parts and a trace id.
 */
export const INFERENCE_SCHEMA_VERSION = 1;

/** `v1:<key id>:<base64url MAC>`; optional on the wire so that a result without one decodes and is dead-lettered with its reason. */
const RequestBindingField = z.string().max(256).optional();

/**
 * How an image is resized for an expert, as the model bundle's manifest states it. Ingest produces one
 * variant per distinct spec; experts look theirs up by `resizeKey(spec)`.
 * `fit` follows sharp: `fill` stretches to width×height, `contain` letterboxes with `background`,
 * `inside` keeps aspect ratio within width×height without enlarging.
 */
export const ResizeSpecSchema = z.object({
  fit: z.enum(['fill', 'contain', 'inside']),
  width: z.int().positive(),
  height: z.int().positive(),
  /** Letterbox colour for `contain`, RGB 0..255. */
  background: z.tuple([z.int(), z.int(), z.int()]).optional(),
});
export type ResizeSpec = z.infer<typeof ResizeSpecSchema>;

/** Stable key of a resize spec, e.g. `fill:224x224`, `inside:960x960`, `contain:416x416`. */
export function resizeKey(spec: ResizeSpec): string {
  return `${spec.fit}:${spec.width}x${spec.height}`;
}

/** Decoded pixels: `[height, width, 3]` uint8, RGB, sRGB, row-major (HWC), no alpha. */
export const RawImageSchema = z.object({
  width: z.int().positive(),
  height: z.int().positive(),
  data: z.instanceof(Uint8Array),
});
export type RawImage = z.infer<typeof RawImageSchema>;

/** A PDQ perceptual hash: 64 lowercase hex digits and its quality 0..100 (match only quality ≥ 50). */
export const PdqHashSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  quality: z.int().min(0).max(100),
});
export type PdqHash = z.infer<typeof PdqHashSchema>;

/** One image, GIF frame or video frame, with the variants the bundle asked for. */
export const FrameSchema = z.object({
  /** Position in the animation or video, ms; 0 for still images. */
  timestamp_ms: z.number().nonnegative(),
  /** Size of the decoded frame before resizing (after EXIF orientation). */
  width: z.int().positive(),
  height: z.int().positive(),
  /** Keyed by `resizeKey(spec)`. */
  variants: z.record(z.string(), RawImageSchema),
  /** PDQ perceptual hash of this frame (hex, 64 chars) and its quality 0..100, when computed (as shown:
   * after EXIF orientation). */
  pdq: PdqHashSchema.optional(),
  /**
   * PDQ of the stored pixel grid without EXIF orientation, only when the file's orientation is not 1:
   * what Meta's reference tools, and so most shared hash lists, compute. Banks are matched against both.
   */
  pdq_unoriented: PdqHashSchema.optional(),
});
export type Frame = z.infer<typeof FrameSchema>;

/** Audio for the audio expert: 16 kHz mono signed 16-bit little-endian PCM. */
export const AudioPayloadSchema = z.object({
  sample_rate: z.literal(16000),
  pcm_s16le: z.instanceof(Uint8Array),
  duration_ms: z.number().nonnegative(),
});
export type AudioPayload = z.infer<typeof AudioPayloadSchema>;

export const MediaPayloadSchema = z.object({
  media_id: ExternalId,
  kind: z.enum(MEDIA_KINDS),
  status: z.enum(['ok', 'error']),
  error: ErrorDetailSchema.optional(),
  /** Hex SHA-256 of the fetched bytes; the media-level cache key. */
  sha256: z.string().optional(),
  bytes: z.int().nonnegative().optional(),
  /** Sniffed from the bytes (file-type), not declared. */
  mime: z.string().optional(),
  duration_ms: z.number().nonnegative().optional(),
  frames: z.array(FrameSchema),
  audio: AudioPayloadSchema.optional(),
});
export type MediaPayload = z.infer<typeof MediaPayloadSchema>;

export const InferenceRequestSchema = z.object({
  schema_version: z.literal(INFERENCE_SCHEMA_VERSION),
  /** Idempotency key `tenant_id:post_id:revision`: redeliveries carry the same one. */
  request_id: z.string(),
  tenant_id: TenantId,
  post_id: ExternalId,
  revision: z.int().min(0),
  trace_id: z.string(),
  /** W3C `traceparent` of the span that produced this request, for OpenTelemetry propagation. */
  traceparent: z.string().optional(),
  /** When ingest read the post, ms since epoch. */
  received_at: z.number(),
  priority: z.enum(['low', 'normal', 'high']),
  text: z.object({
    caption: z.string(),
    lang_hint: z.string().optional(),
    /** True when the caption was cut to the configured limit (POST_TEXT_TOO_LONG is in `errors`). */
    truncated: z.boolean(),
  }),
  media: z.array(MediaPayloadSchema),
  /** Post-level problems (not per medium). */
  errors: z.array(ErrorDetailSchema),
  /** Ingest stage timings, ms (`fetch_ms`, `decode_ms`, …). */
  timings: z.record(z.string(), z.number().nonnegative()),
  callback: z
    .object({ endpoint_id: z.string().optional(), correlation_id: z.string().optional() })
    .optional(),
  /** The post's creation time from the platform, ISO 8601. */
  created_at: z.string(),
  /**
   * Ingest's keyed MAC over tenant, post, revision and media digests (`request-binding.ts`). The
   * classifier copies it unchanged into its result; moderation records no result without a valid one.
   */
  request_binding: RequestBindingField,
});
export type InferenceRequest = z.infer<typeof InferenceRequestSchema>;

/** What one expert did for one request. */
export const ExpertRunSchema = z.object({
  expert: z.string(),
  ran: z.boolean(),
  /** Why the router skipped it (e.g. `no_text_likelihood`, `hash_match`, `cache_hit`). */
  skipped_reason: z.string().optional(),
  ms: z.number().nonnegative(),
  batch_size: z.int().nonnegative().optional(),
  queue_delay_ms: z.number().nonnegative().optional(),
  error: ErrorDetailSchema.optional(),
});
export type ExpertRun = z.infer<typeof ExpertRunSchema>;

export const OcrLineSchema = z.object({
  text: z.string(),
  confidence: z.number().min(0).max(1),
  /** Quadrilateral in frame pixels, clockwise from top-left: [[x,y] × 4]. */
  box: z.array(z.tuple([z.number(), z.number()])).length(4),
  timestamp_ms: z.number().nonnegative().optional(),
});

export const DetectedObjectSchema = z.object({
  label: z.string(),
  score: z.number().min(0).max(1),
  /** [x1, y1, x2, y2] in frame pixels. */
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  timestamp_ms: z.number().nonnegative().optional(),
});

export const MediaResultSchema = z.object({
  media_id: z.string(),
  kind: z.enum(MEDIA_KINDS),
  status: z.enum(['ok', 'error']),
  error: ErrorDetailSchema.optional(),
  sha256: z.string().optional(),
  alt_text: z
    .object({ text: z.string().max(125), decorative: z.boolean(), confidence: z.number() })
    .optional(),
  ocr: z.array(OcrLineSchema).optional(),
  objects: z.array(DetectedObjectSchema).optional(),
  /** Speech segments from voice-activity detection, ms. */
  speech: z.array(z.object({ start_ms: z.number(), end_ms: z.number() })).optional(),
  transcript: z.string().optional(),
  /** Per-frame PDQ hashes carried through for storage (`unoriented`: the stored grid's, see `Frame`). */
  pdq: z
    .array(
      z.object({
        hash: z.string(),
        quality: z.int(),
        timestamp_ms: z.number(),
        unoriented: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Whether results came from the media cache (sha256). */
  cached: z.boolean().optional(),
  /** Why no frame expert examined this medium: `hash_match` (it matched a hash bank before routing). */
  routed_away: z.string().optional(),
});
export type MediaResult = z.infer<typeof MediaResultSchema>;

/** A medium matched a hash-bank entry (the `hash_match` signal); matched media skip the image experts. */
export const HashMatchSchema = z.object({
  media_id: z.string(),
  bank: z.string(),
  /** `pdq` (one image or frame hash) or `vpdq` (a video's frame hashes against an entry's frame set). */
  signal_type: z.enum(['pdq', 'vpdq']).optional(),
  /** Action the bank asks for (e.g. `remove`, `review`). */
  bank_action: z.string(),
  /** Hamming distance of the closest frame pair, 0..256 (≤ 31 for a match). */
  distance: z.int().min(0).max(256),
  /** The matched bank entry's id (`bank_hashes.id`). */
  hash_id: z.string(),
  /** For video: share of query frames matched, 0..1. */
  frame_match_ratio: z.number().min(0).max(1).optional(),
});
export type HashMatch = z.infer<typeof HashMatchSchema>;

export const InferenceResultSchema = z.object({
  schema_version: z.literal(INFERENCE_SCHEMA_VERSION),
  request_id: z.string(),
  tenant_id: TenantId,
  post_id: ExternalId,
  revision: z.int().min(0),
  trace_id: z.string(),
  traceparent: z.string().optional(),
  received_at: z.number(),
  created_at: z.string(),
  priority: z.enum(['low', 'normal', 'high']),
  /** `error` when no expert could assess anything; partial failures stay `ok` with `errors`. */
  status: z.enum(['ok', 'error']),
  errors: z.array(ErrorDetailSchema),
  caption: z.object({
    text: z.string(),
    lang: z.string().optional(),
    lang_confidence: z.number().optional(),
  }),
  scores: z.array(CategoryScoreSchema),
  coverage: z.object({ covered: z.array(z.enum(CATEGORY_IDS)), not_covered: z.array(z.enum(CATEGORY_IDS)) }),
  media: z.array(MediaResultSchema),
  hash_matches: z.array(HashMatchSchema),
  experts: z.array(ExpertRunSchema),
  bundle: z.object({ name: z.string(), version: z.string() }),
  /** Execution provider that ran the experts. */
  provider: z.enum(['cpu', 'cuda']),
  /** Whether the router chose experts (`routed`) or all ran (`dense`). */
  routing: z.enum(['routed', 'dense']),
  /** Stage timings, ms: ingest's plus `queue_ms`, `experts_ms`, `fusion_ms`, `classifier_ms`. */
  timings: z.record(z.string(), z.number().nonnegative()),
  callback: z
    .object({ endpoint_id: z.string().optional(), correlation_id: z.string().optional() })
    .optional(),
  /** The request's `request_binding`, unchanged: moderation dead-letters a result without a valid one. */
  request_binding: RequestBindingField,
});
export type InferenceResult = z.infer<typeof InferenceResultSchema>;

/** The idempotency key of one revision of one post. */
export function requestId(tenantId: string, postId: string, revision: number): string {
  return `${tenantId}:${postId}:${revision}`;
}
