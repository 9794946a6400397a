import { createHash } from 'node:crypto';
import { decodeInternal, encodeInternal, MediaResultSchema } from '@vigil/contracts';
import type { MediaFrameOutputs } from '@vigil/model';
import { Redis } from 'ioredis';
import { z } from 'zod';

/** Bumped when the stored entry format changes (part of every key). */
const ENTRY_FORMAT = 3;

const AltSchema = z.object({
  drawing: z.number().optional(),
  objects: z.array(z.object({ label: z.string(), score: z.number() })).optional(),
  ocr: z.array(z.object({ text: z.string(), confidence: z.number() })).optional(),
});

const EntrySchema = z.object({
  f: z.literal(ENTRY_FORMAT),
  frameCount: z.int().nonnegative(),
  frames: z.array(
    z.object({
      index: z.int().nonnegative(),
      /** Float32 little-endian bytes of the fusion feature row. */
      features: z.instanceof(Uint8Array),
      textLikelihood: z.number().optional(),
    }),
  ),
  visualScore: z.number().optional(),
  lines: z.array(z.string()),
  experts: z.array(z.string()),
  /** Alt-text inputs of the medium (format 2). */
  alt: AltSchema.optional(),
  /** OCR lines and objects found in its frames, as its media result lists them (format 3). */
  seen: MediaResultSchema.pick({ ocr: true, objects: true }).optional(),
  skipped: z.array(z.object({ expert: z.string(), media_id: z.string().optional(), reason: z.string() })),
});

export interface MediaCacheOptions {
  /** `redis://host:port/db`. */
  readonly url: string;
  /**
   * What the outputs depend on besides the bytes: bundle name and version, routing mode, the frame
   * experts wired in. Entries of another scope are never read (a new bundle starts cold).
   */
  readonly scope: string;
  /** Entry lifetime, seconds. */
  readonly ttlS: number;
  /** Largest encoded entry stored, bytes; larger ones are skipped. */
  readonly maxEntryBytes: number;
  /** A command slower than this fails (and counts as a miss), ms. */
  readonly timeoutMs: number;
  /** Called per lookup and per write, for metrics. */
  readonly onLookup?: (result: 'hit' | 'miss' | 'error', count: number) => void;
  readonly onWrite?: (result: 'stored' | 'too_large' | 'error', count: number) => void;
  /** Connection problems (logged by the caller; the cache keeps retrying in the background). */
  readonly onError?: (error: Error) => void;
}

/**
 * Media-level cache of frame-expert outputs in Redis, keyed by the medium's sha256 (ingest hashes the
 * fetched bytes), so a reposted image or video skips the image experts. Keys:
 * `vigil:media:<format>:<scope hash>:<sha256>`, values MessagePack + LZ4 with a TTL. Redis bounds the total
 * (`maxmemory` with an LRU policy); this class bounds each entry. It never fails a request: an
 * unreachable or slow Redis makes every lookup a miss (counted as `error`).
 */
export class MediaCache {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(private readonly options: MediaCacheOptions) {
    this.prefix = `vigil:media:${ENTRY_FORMAT}:${createHash('sha256').update(options.scope).digest('hex').slice(0, 16)}:`;
    this.redis = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(1000, options.timeoutMs),
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    this.redis.on('error', (error: Error) => options.onError?.(error));
  }

  /** Connects; resolves false (and keeps retrying in the background) when Redis is not reachable now. */
  async connect(): Promise<boolean> {
    try {
      await this.redis.connect();
      return true;
    } catch (error) {
      this.options.onError?.(error as Error);
      return false;
    }
  }

  /** `connected`, or the client's state while it is not. */
  get status(): string {
    return this.redis.status === 'ready' ? 'connected' : this.redis.status;
  }

  /** The key of one medium. */
  key(sha256: string): string {
    return this.prefix + sha256;
  }

  /** Entries found for `sha256s`; misses and errors are simply absent. Never throws. */
  async getMany(sha256s: readonly string[]): Promise<Map<string, MediaFrameOutputs>> {
    const found = new Map<string, MediaFrameOutputs>();
    if (sha256s.length === 0) return found;
    let values: (Buffer | null)[];
    try {
      values = await this.redis.mgetBuffer(...sha256s.map((s) => this.key(s)));
    } catch (error) {
      this.options.onError?.(error as Error);
      this.options.onLookup?.('error', sha256s.length);
      return found;
    }
    let bad = 0;
    values.forEach((value, i) => {
      if (!value) return;
      try {
        found.set(sha256s[i]!, fromEntry(decodeInternal(EntrySchema, value)));
      } catch {
        bad++; // unreadable entry: treated as a miss and overwritten after the experts ran
      }
    });
    if (found.size > 0) this.options.onLookup?.('hit', found.size);
    if (sha256s.length - found.size - bad > 0)
      this.options.onLookup?.('miss', sha256s.length - found.size - bad);
    if (bad > 0) this.options.onLookup?.('error', bad);
    return found;
  }

  /** Stores entries with the TTL; skips those over the size bound. Never throws. */
  async putMany(entries: ReadonlyMap<string, MediaFrameOutputs>): Promise<void> {
    const pipeline = this.redis.pipeline();
    let queued = 0;
    for (const [sha256, outputs] of entries) {
      const value = encodeInternal(toEntry(outputs));
      if (value.length > this.options.maxEntryBytes) {
        this.options.onWrite?.('too_large', 1);
        continue;
      }
      pipeline.set(this.key(sha256), value, 'EX', this.options.ttlS);
      queued++;
    }
    if (queued === 0) return;
    try {
      const replies = (await pipeline.exec()) ?? [];
      const failed = replies.filter(([error]) => error).length;
      if (queued - failed > 0) this.options.onWrite?.('stored', queued - failed);
      if (failed > 0) this.options.onWrite?.('error', failed);
    } catch (error) {
      this.options.onError?.(error as Error);
      this.options.onWrite?.('error', queued);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

function toEntry(o: MediaFrameOutputs): z.infer<typeof EntrySchema> {
  return {
    f: ENTRY_FORMAT,
    frameCount: o.frameCount,
    frames: o.frames.map((f) => ({
      index: f.index,
      features: new Uint8Array(
        f.features.buffer as ArrayBuffer,
        f.features.byteOffset,
        f.features.byteLength,
      ),
      ...(f.textLikelihood !== undefined ? { textLikelihood: f.textLikelihood } : {}),
    })),
    ...(o.visualScore !== undefined ? { visualScore: o.visualScore } : {}),
    lines: [...o.lines],
    experts: [...o.experts],
    ...(o.alt ? { alt: AltSchema.parse(o.alt) } : {}),
    ...(o.seen ? { seen: o.seen } : {}),
    skipped: o.skipped.map((s) => ({ ...s })),
  };
}

function fromEntry(e: z.infer<typeof EntrySchema>): MediaFrameOutputs {
  return {
    frameCount: e.frameCount,
    frames: e.frames.map((f) => ({
      index: f.index,
      // Copy: the decoded bytes may sit at an offset that is not a multiple of 4.
      features: new Float32Array(Uint8Array.from(f.features).buffer),
      ...(f.textLikelihood !== undefined ? { textLikelihood: f.textLikelihood } : {}),
    })),
    ...(e.visualScore !== undefined ? { visualScore: e.visualScore } : {}),
    lines: e.lines,
    experts: e.experts,
    ...(e.alt ? { alt: e.alt } : {}),
    ...(e.seen ? { seen: e.seen } : {}),
    skipped: e.skipped as MediaFrameOutputs['skipped'],
  };
}
