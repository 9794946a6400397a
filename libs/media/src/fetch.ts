import { createHash } from 'node:crypto';
import { createEgressAgent, EgressForbiddenError, type EgressPolicy } from '@vigil/platform';
import { request, type Dispatcher } from 'undici';
import { MediaError } from './errors';
import type { MediaLimits } from './limits';

/** Bytes of one medium as fetched (or decoded from inline base64), before any parsing. */
export interface FetchedMedia {
  readonly bytes: Buffer;
  /** Hex SHA-256 of `bytes`, computed while streaming. */
  readonly sha256: string;
  /** The URL the bytes came from after redirects; absent for inline media. */
  readonly url?: string;
  readonly redirects: number;
  /** Wall time of the fetch, ms. */
  readonly ms: number;
}

export type FetchLimits = Pick<
  MediaLimits,
  'maxBytes' | 'maxInlineBytes' | 'connectTimeoutMs' | 'fetchTimeoutMs' | 'maxRedirects'
>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Drops a response body we will not read; the connection closes (an aborted body emits an error: swallow it). */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

/** Maps what undici, the egress guard or the abort signal threw to a typed media error. */
function toMediaError(error: unknown, url: URL, signal: AbortSignal): MediaError {
  if (error instanceof MediaError) return error;
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof EgressForbiddenError) {
      return new MediaError('MEDIA_FETCH_FORBIDDEN', e.message, { cause: error });
    }
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
      return new MediaError('MEDIA_FETCH_TIMEOUT', `${url.host}: ${e.message}`, { cause: error });
    }
  }
  if (signal.aborted) {
    return new MediaError('MEDIA_FETCH_TIMEOUT', `${url.host}: no complete response in time`, {
      cause: error,
    });
  }
  return new MediaError('MEDIA_FETCH_FAILED', `${url.host}: ${(error as Error).message}`, { cause: error });
}

/**
 * Fetches media from tenant-supplied URLs with undici, treating every URL as hostile:
 * - SSRF guard: every connection (redirect targets included) goes through `createEgressAgent`
 *   (@vigil/platform), which refuses loopback, private, link-local and metadata addresses unless the
 *   allow-list names them → MEDIA_FETCH_FORBIDDEN.
 * - Connect timeout, and one deadline for the whole fetch (redirects + headers + body) → MEDIA_FETCH_TIMEOUT.
 * - Byte cap enforced on `Content-Length` and again while streaming: reading stops at the cap and the
 *   socket is destroyed, nothing over the cap is buffered → MEDIA_TOO_LARGE.
 * - At most `maxRedirects` redirects, http(s) only → MEDIA_FETCH_HTTP_STATUS / MEDIA_FETCH_FORBIDDEN.
 * - Any non-2xx final status → MEDIA_FETCH_HTTP_STATUS; other network failures → MEDIA_FETCH_FAILED.
 */
export class MediaFetcher {
  private readonly agent: Dispatcher;

  constructor(
    private readonly limits: FetchLimits,
    policy: EgressPolicy = {},
  ) {
    this.agent = createEgressAgent(
      policy,
      { headersTimeout: limits.fetchTimeoutMs, bodyTimeout: limits.fetchTimeoutMs },
      { timeout: limits.connectTimeoutMs },
    );
  }

  /**
   * GETs `url` and returns its body.
   * @throws MediaError with MEDIA_FETCH_FORBIDDEN, MEDIA_FETCH_TIMEOUT, MEDIA_FETCH_HTTP_STATUS,
   *   MEDIA_TOO_LARGE or MEDIA_FETCH_FAILED.
   */
  async fetch(url: string): Promise<FetchedMedia> {
    const started = performance.now();
    const signal = AbortSignal.timeout(this.limits.fetchTimeoutMs);
    let current = new URL(url);
    for (let redirects = 0; ; redirects += 1) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new MediaError('MEDIA_FETCH_FORBIDDEN', `refusing ${current.protocol} URL`);
      }
      try {
        const res = await request(current, {
          method: 'GET',
          dispatcher: this.agent,
          signal,
          headers: { 'user-agent': 'vigil-ingest', accept: '*/*' },
        });
        const location = res.headers.location;
        if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string') {
          discard(res.body);
          if (redirects >= this.limits.maxRedirects) {
            throw new MediaError(
              'MEDIA_FETCH_HTTP_STATUS',
              `more than ${this.limits.maxRedirects} redirects (last status ${res.statusCode})`,
            );
          }
          current = new URL(location, current);
          continue;
        }
        if (res.statusCode < 200 || res.statusCode > 299) {
          discard(res.body);
          throw new MediaError('MEDIA_FETCH_HTTP_STATUS', `HTTP ${res.statusCode} from ${current.host}`);
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > this.limits.maxBytes) {
          discard(res.body);
          throw new MediaError(
            'MEDIA_TOO_LARGE',
            `Content-Length ${declared} exceeds the ${this.limits.maxBytes}-byte limit`,
          );
        }
        const { bytes, sha256 } = await this.readCapped(res.body);
        return { bytes, sha256, url: current.href, redirects, ms: performance.now() - started };
      } catch (error) {
        throw toMediaError(error, current, signal);
      }
    }
  }

  /**
   * Decodes an inline base64 medium.
   * @throws MediaError MEDIA_TOO_LARGE when the decoded size would pass `maxInlineBytes` (checked before decoding).
   */
  fromInline(base64: string): FetchedMedia {
    const started = performance.now();
    const estimated = Math.floor((base64.length * 3) / 4);
    if (estimated > this.limits.maxInlineBytes + 2) {
      throw new MediaError(
        'MEDIA_TOO_LARGE',
        `inline medium of about ${estimated} bytes exceeds the ${this.limits.maxInlineBytes}-byte limit`,
      );
    }
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > this.limits.maxInlineBytes) {
      throw new MediaError(
        'MEDIA_TOO_LARGE',
        `inline medium of ${bytes.length} bytes exceeds the ${this.limits.maxInlineBytes}-byte limit`,
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { bytes, sha256, redirects: 0, ms: performance.now() - started };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Reads a body up to the byte cap, hashing as it goes; destroys the stream at the cap. */
  private async readCapped(
    body: Dispatcher.ResponseData['body'],
  ): Promise<{ bytes: Buffer; sha256: string }> {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > this.limits.maxBytes) {
        discard(body);
        throw new MediaError('MEDIA_TOO_LARGE', `body passed the ${this.limits.maxBytes}-byte limit`);
      }
      hash.update(chunk);
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks, total), sha256: hash.digest('hex') };
  }
}
