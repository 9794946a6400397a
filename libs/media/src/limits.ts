/**
 * Every limit applied to untrusted media, checked before the expensive step it protects.
 * Ingest fills these from its environment (services/ingest/src/config.ts); defaults suit a 2-core node.
 */
export interface MediaLimits {
  /** Largest fetched body, bytes; enforced while streaming (MEDIA_TOO_LARGE). */
  readonly maxBytes: number;
  /** Largest inline (base64-decoded) medium, bytes (MEDIA_TOO_LARGE). */
  readonly maxInlineBytes: number;
  /** TCP + TLS connect timeout, ms (MEDIA_FETCH_TIMEOUT). */
  readonly connectTimeoutMs: number;
  /** Whole fetch including redirects and body, ms (MEDIA_FETCH_TIMEOUT). */
  readonly fetchTimeoutMs: number;
  /** Redirects followed before giving up (MEDIA_FETCH_HTTP_STATUS). */
  readonly maxRedirects: number;
  /** Largest image or video frame, width × height pixels, read from the header (MEDIA_TOO_MANY_PIXELS). */
  readonly maxPixels: number;
  /** Longest video or audio, ms, read from the container header (MEDIA_TOO_LONG). */
  readonly maxDurationMs: number;
  /** Frames sampled from a video. */
  readonly maxVideoFrames: number;
  /** Frames sampled from an animated GIF/WebP. */
  readonly maxAnimationFrames: number;
  /** Decoding one medium (probe + ffmpeg, or sharp), ms; ffmpeg is killed when it passes (MEDIA_DECODE_TIMEOUT). */
  readonly decodeTimeoutMs: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxInlineBytes: 1024 * 1024,
  connectTimeoutMs: 5_000,
  fetchTimeoutMs: 30_000,
  maxRedirects: 3,
  maxPixels: 50_000_000,
  maxDurationMs: 300_000,
  maxVideoFrames: 8,
  maxAnimationFrames: 8,
  decodeTimeoutMs: 30_000,
};
