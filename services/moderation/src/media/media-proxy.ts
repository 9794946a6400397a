import { createHash } from 'node:crypto';
import { createEgressAgent, EgressForbiddenError } from '@vigil/platform';
import { interceptors, request, type Dispatcher } from 'undici';
import { ApiError } from '../api/api-error';
import type { Db } from '../database/database';

/** Media types the dashboard displays; anything else (HTML, SVG, PDF…) is refused, never served. */
const DISPLAYABLE = /^(image|video|audio)\//;

export interface MediaBytes {
  readonly bytes: Buffer;
  /** Sniffed from the bytes (file-type), never taken from the source's headers. */
  readonly mime: string;
  /**
   * Whether the bytes are the ones the model scored (SHA-256 equal to the stored one); null when no hash
   * was stored. False means the platform changed the file at its URL since.
   */
  readonly sameAsScored: boolean | null;
}

export interface MediaProxySettings {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Private hosts/CIDRs media URLs may reach (the SSRF guard refuses other private addresses). */
  readonly egressAllow: readonly string[];
  /** Bytes kept in the in-memory cache (recently viewed media; video range requests). */
  readonly cacheBytes?: number;
  readonly cacheTtlMs?: number;
}

/**
 * Media for the dashboard. The moderation database keeps media metadata, not bytes; the bytes come from
 * where the platform published them: the post's URL, fetched through the SSRF egress guard (the same one
 * ingest and webhooks use) with a size cap, a timeout and at most 3 redirects, or the post's inline
 * bytes kept by the `media` role. The type is sniffed from the bytes and only images, video and audio
 * pass. A small in-memory cache serves repeated views and video range requests.
 */
export class MediaProxy {
  private readonly dispatcher: Dispatcher;
  private readonly cache = new Map<string, { media: MediaBytes; at: number }>();
  private cached = 0;

  constructor(
    private readonly db: Db,
    private readonly settings: MediaProxySettings,
  ) {
    this.dispatcher = createEgressAgent(
      { allow: settings.egressAllow },
      {},
      { timeout: settings.timeoutMs },
    ).compose(interceptors.redirect({ maxRedirections: 3 }));
  }

  /**
   * The bytes of one medium of one post revision.
   * @throws ApiError 404 MEDIA_NOT_FOUND (no source recorded), 502 MEDIA_UNAVAILABLE (the source failed,
   *   was too large, is not image/video/audio, or points at a forbidden address).
   */
  async load(tenantId: string, postId: string, revision: number, mediaId: string): Promise<MediaBytes> {
    const key = JSON.stringify([tenantId, postId, revision, mediaId]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < (this.settings.cacheTtlMs ?? 300_000)) return hit.media;

    const row = await this.db
      .selectFrom('media_sources as s')
      .leftJoin('media as m', (j) =>
        j
          .onRef('m.tenant_id', '=', 's.tenant_id')
          .onRef('m.post_id', '=', 's.post_id')
          .onRef('m.revision', '=', 's.revision')
          .onRef('m.media_id', '=', 's.media_id'),
      )
      .select(['s.url', 's.inline', 'm.sha256'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.post_id', '=', postId)
      .where('s.revision', '=', revision)
      .where('s.media_id', '=', mediaId)
      .executeTakeFirst();
    if (!row || (!row.url && !row.inline)) {
      throw new ApiError(404, 'MEDIA_NOT_FOUND', `no source for medium ${mediaId}`);
    }
    const bytes = row.inline ?? (await this.fetch(row.url!));
    const { fileTypeFromBuffer } = await import('file-type');
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !DISPLAYABLE.test(type.mime)) {
      throw new ApiError(
        502,
        'MEDIA_UNAVAILABLE',
        `the source is not an image, video or audio file (${type?.mime ?? 'unknown type'})`,
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const media = { bytes, mime: type.mime, sameAsScored: row.sha256 ? row.sha256 === sha256 : null };
    this.remember(key, media);
    return media;
  }

  private async fetch(url: string): Promise<Buffer> {
    const fail = (message: string) => new ApiError(502, 'MEDIA_UNAVAILABLE', message);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        dispatcher: this.dispatcher,
        headers: { 'user-agent': 'Vigil-Review/1', accept: 'image/*, video/*, audio/*' },
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
      });
    } catch (error) {
      const cause = (error as Error).cause ?? error;
      if (cause instanceof EgressForbiddenError) throw fail(`the media URL is not allowed: ${cause.message}`);
      throw fail(`the media source did not answer: ${(error as Error).message}`);
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw fail(`the media source answered ${res.statusCode}`);
    }
    const length = Number(res.headers['content-length'] ?? 0);
    if (length > this.settings.maxBytes) {
      await res.body.dump();
      throw fail(`the medium is larger than ${this.settings.maxBytes} bytes`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      total += (chunk as Buffer).length;
      if (total > this.settings.maxBytes) {
        res.body.destroy();
        throw fail(`the medium is larger than ${this.settings.maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private remember(key: string, media: MediaBytes): void {
    const limit = this.settings.cacheBytes ?? 128 * 1024 * 1024;
    if (media.bytes.length > limit / 4) return;
    this.cache.set(key, { media, at: Date.now() });
    this.cached += media.bytes.length;
    for (const [k, v] of this.cache) {
      if (this.cached <= limit) break;
      this.cache.delete(k);
      this.cached -= v.media.bytes.length;
    }
  }

  /** Closes the connection pool (Nest calls it at shutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
  }
}

/**
 * Parses a single-range `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`, RFC 9110 §14.2) against a
 * body of `size` bytes: the inclusive byte range, `undefined` for no or multi-range headers (serve all),
 * or `null` when unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): [number, number] | undefined | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? null : [start, end];
}
