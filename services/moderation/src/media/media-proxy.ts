import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createEgressAgent, EgressForbiddenError } from '@vigil/platform';
import { Logger } from '@nestjs/common';
import { interceptors, request, type Dispatcher } from 'undici';
import { ApiError } from '../http/api-error';
import type { Db } from '../database/database';

/** Media types the dashboard displays; anything else (HTML, SVG, PDF…) is refused, never served. */
const DISPLAYABLE = /^(image|video|audio)\//;

export interface MediaBytes {
  /** Length of the medium, bytes. */
  readonly size: number;
  /** Sniffed from the bytes (file-type), never taken from the source's headers. */
  readonly mime: string;
  /**
   * Whether the bytes are the ones the model scored (SHA-256 equal to the stored one); null when no hash
   * was stored. False means the platform changed the file at its URL since.
   */
  readonly sameAsScored: boolean | null;
  /** Streams bytes `start..end` (inclusive) of the medium, from the spool file or the inline bytes. */
  read(start: number, end: number): Readable;
}

export interface MediaProxySettings {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Private hosts/CIDRs media URLs may reach (the SSRF guard refuses other private addresses). */
  readonly egressAllow: readonly string[];
  /** Bytes of fetched media kept on disk (recently viewed media; video range requests). */
  readonly cacheBytes?: number;
  readonly cacheTtlMs?: number;
  /** Parent of the spool folder for fetched media; default the OS temp dir. */
  readonly spoolDir?: string;
}

interface Spooled {
  readonly media: MediaBytes;
  readonly file?: string;
  readonly at: number;
}

/**
 * Media for the dashboard. The moderation database keeps media metadata, not bytes; the bytes come from
 * where the platform published them: the post's URL, fetched through the SSRF egress guard (the same one
 * ingest and webhooks use) with a size cap, a timeout and at most 3 redirects, or the post's inline
 * bytes kept by the `media` role. The type is sniffed from the bytes and only images, video and audio
 * pass.
 *
 * Fetched bytes are never held in memory: they stream to a spool file (hashed and counted on the way,
 * cut at `maxBytes`) and are served from it as a stream, so a request costs a few 64 KiB chunks whatever
 * the medium's size. The spool doubles as a small disk cache for repeated views and video range requests.
 */
export class MediaProxy {
  private readonly dispatcher: Dispatcher;
  private readonly cache = new Map<string, Spooled>();
  private cached = 0;
  private readonly spool: string;
  private readonly log = new Logger('MediaProxy');

  constructor(
    private readonly db: Db,
    private readonly settings: MediaProxySettings,
  ) {
    this.dispatcher = createEgressAgent(
      { allow: settings.egressAllow },
      {},
      { timeout: settings.timeoutMs },
    ).compose(interceptors.redirect({ maxRedirections: 3 }));
    this.spool = mkdtempSync(join(settings.spoolDir ?? tmpdir(), 'vigil-media-proxy-'));
  }

  /**
   * One medium of one post revision, ready to stream.
   * @throws ApiError 404 MEDIA_NOT_FOUND (no source recorded), 502 MEDIA_UNAVAILABLE (the source failed,
   *   was too large, is not image/video/audio, or points at a forbidden address).
   */
  async load(tenantId: string, postId: string, revision: number, mediaId: string): Promise<MediaBytes> {
    const key = JSON.stringify([tenantId, postId, revision, mediaId]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < (this.settings.cacheTtlMs ?? 300_000)) return hit.media;
    if (hit) this.forget(key, hit);

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
    const { fileTypeFromBuffer, fileTypeFromFile } = await import('file-type');
    const same = (sha256: string) => (row.sha256 ? row.sha256 === sha256 : null);
    if (row.inline) {
      const inline = row.inline;
      const media: MediaBytes = {
        size: inline.length,
        mime: displayable((await fileTypeFromBuffer(inline))?.mime),
        sameAsScored: same(createHash('sha256').update(inline).digest('hex')),
        read: (start, end) => Readable.from([inline.subarray(start, end + 1)]),
      };
      return media;
    }
    const spooled = await this.fetchToSpool(row.url!);
    try {
      const mime = displayable((await fileTypeFromFile(spooled.file))?.mime);
      const media: MediaBytes = {
        size: spooled.size,
        mime,
        sameAsScored: same(spooled.sha256),
        read: (start, end) => createReadStream(spooled.file, { start, end }),
      };
      this.remember(key, { media, file: spooled.file, at: Date.now() });
      return media;
    } catch (error) {
      await rm(spooled.file, { force: true });
      throw error;
    }
  }

  /** Streams `url` into a new spool file, hashing and counting; the file is removed on any failure. */
  private async fetchToSpool(url: string): Promise<{ file: string; size: number; sha256: string }> {
    // Moderators see what went wrong in words; the detail (addresses, socket errors) goes to the log only.
    const fail = (message: string, detail?: string) => {
      this.log.warn(
        { code: 'MEDIA_UNAVAILABLE', detail: detail ?? message },
        `media source failed: ${message}`,
      );
      return new ApiError(502, 'MEDIA_UNAVAILABLE', message);
    };
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
      if (cause instanceof EgressForbiddenError)
        throw fail('the media URL points somewhere the review service may not fetch from', cause.message);
      throw fail('the media source could not be reached', (error as Error).message);
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw fail(`the media source answered ${res.statusCode}`);
    }
    const { maxBytes } = this.settings;
    const tooLarge = () => fail(`the medium is larger than ${maxBytes} bytes`);
    if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
      await res.body.dump();
      throw tooLarge();
    }
    const hash = createHash('sha256');
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) return done(tooLarge());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const file = join(this.spool, randomUUID());
    try {
      await pipeline(res.body, counted, createWriteStream(file));
    } catch (error) {
      await rm(file, { force: true });
      if (error instanceof ApiError) throw error;
      throw fail('the media source stopped while sending the file', (error as Error).message);
    }
    return { file, size, sha256: hash.digest('hex') };
  }

  private remember(key: string, entry: Spooled): void {
    const limit = this.settings.cacheBytes ?? 128 * 1024 * 1024;
    this.cache.set(key, entry);
    this.cached += entry.media.size;
    for (const [k, v] of this.cache) {
      if (this.cached <= limit) break;
      this.forget(k, v);
    }
  }

  /** Drops a cache entry and its spool file (streams already open keep reading it: unlink semantics). */
  private forget(key: string, entry: Spooled): void {
    this.cache.delete(key);
    this.cached -= entry.media.size;
    if (entry.file) void rm(entry.file, { force: true });
  }

  /** Closes the connection pool and removes the spool (Nest calls it at shutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
    rmSync(this.spool, { recursive: true, force: true });
  }
}

/**
 * The sniffed MIME type when the dashboard may display it.
 * @throws ApiError 502 MEDIA_UNAVAILABLE for anything but image, video or audio.
 */
function displayable(mime: string | undefined): string {
  if (mime && DISPLAYABLE.test(mime)) return mime;
  throw new ApiError(
    502,
    'MEDIA_UNAVAILABLE',
    `the source is not an image, video or audio file (${mime ?? 'unknown type'})`,
  );
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
