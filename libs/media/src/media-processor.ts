import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaKind, MediaPayload, PostMedia, ResizeSpec } from '@vigil/contracts';
import type { EgressPolicy } from '@vigil/platform';
import { decodeAv, type AvBinaries } from './av';
import { type DecodePool } from './decode-pool';
import { MediaError } from './errors';
import { MediaFetcher, type FetchedMedia } from './fetch';
import { decodeImage, type DecodedVisual } from './image';
import type { MediaLimits } from './limits';
import { sniffType, type SniffedType } from './sniff';

/** `ffmpegPath` / `ffprobePath` ({@link AvBinaries}): the binaries video and audio are decoded with. */
export interface MediaProcessorOptions extends AvBinaries {
  readonly limits: MediaLimits;
  /** Image variants every frame gets, from the model bundle manifest (`imageVariantSpecs`). */
  readonly specs: readonly ResizeSpec[];
  /** SSRF allow-list for media URLs. */
  readonly egress?: EgressPolicy;
  /** Decode slots shared by everything this process decodes. */
  readonly pool: DecodePool;
  /** Parent of the per-medium temp folders (video/audio go through a file); default `os.tmpdir()`. */
  readonly tmpDir?: string;
}

/** One processed medium and what it cost, ms. */
export interface ProcessedMedia {
  readonly payload: MediaPayload;
  readonly fetchMs: number;
  readonly decodeMs: number;
}

type Decoded = Pick<MediaPayload, 'frames' | 'audio' | 'duration_ms'> & { partial?: string };

/**
 * System error codes that mean "this machine, right now" rather than "this medium": the record is
 * retried (Node's `err.code`, from errno). Everything else unexpected is the medium's MEDIA_INTERNAL.
 */
const TRANSIENT_SYSTEM_ERRORS = new Set(['ENOSPC', 'EMFILE', 'ENFILE', 'ENOMEM', 'EAGAIN', 'EDQUOT', 'EIO']);

/** True for a failure of the machine (disk full, out of file descriptors) that a retry may not meet. */
export function isTransientSystemError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_SYSTEM_ERRORS.has(code);
}

/**
 * Turns one medium of a post into the inference request's `MediaPayload`: fetch (or inline) → checksum →
 * sniff the real type → decode in a pool slot. A medium that fails with a typed MediaError becomes a
 * payload with `status: 'error'` and the code, keeping whatever was learnt (bytes, sha256, mime), so the
 * post still flows on. Any other exception (a bug in a decoder, a RangeError) does the same with
 * MEDIA_INTERNAL: one crafted file must never crash the consumer or block its partition. Only failures
 * of the machine itself ({@link isTransientSystemError}: disk full, no file descriptors) propagate, so
 * the record is retried rather than answered wrongly. A medium only partly readable stays `ok` and
 * carries a MEDIA_PARTIALLY_DECODED `error` naming what was lost.
 *
 * The decode path follows the sniffed bytes, not the declared kind: a "gif" that is really an MP4 (as
 * many platforms serve GIFs) is decoded as video; a video posted as `audio` yields only its sound.
 */
export class MediaProcessor {
  private readonly fetcher: MediaFetcher;

  constructor(private readonly options: MediaProcessorOptions) {
    this.fetcher = new MediaFetcher(options.limits, options.egress);
  }

  async process(media: PostMedia): Promise<ProcessedMedia> {
    let fetched: FetchedMedia | undefined;
    let type: SniffedType | undefined;
    let decodeMs = 0;
    try {
      fetched =
        'url' in media.source
          ? await this.fetcher.fetch(media.source.url)
          : this.fetcher.fromInline(media.source.inline);
      if (media.sha256 && media.sha256 !== fetched.sha256) {
        throw new MediaError(
          'MEDIA_CHECKSUM_MISMATCH',
          `sha256 is ${fetched.sha256}, the post says ${media.sha256}`,
        );
      }
      type = await sniffType(fetched.bytes);
      const bytes = fetched.bytes;
      const sniffed = type;
      const decoded = await this.options.pool.run(async () => {
        const started = performance.now();
        try {
          return await this.decode(bytes, sniffed, media.kind);
        } finally {
          decodeMs = performance.now() - started;
        }
      });
      const { partial, ...payload } = decoded;
      const warning = partial
        ? { error: { code: 'MEDIA_PARTIALLY_DECODED' as const, message: partial, media_id: media.media_id } }
        : {};
      return {
        payload: { ...this.known(media, fetched, type), status: 'ok', ...payload, ...warning },
        fetchMs: fetched.ms,
        decodeMs,
      };
    } catch (caught) {
      if (isTransientSystemError(caught)) throw caught;
      const error =
        caught instanceof MediaError
          ? caught
          : new MediaError('MEDIA_INTERNAL', `unexpected ${describe(caught)}`, { cause: caught });
      return {
        payload: {
          ...this.known(media, fetched, type),
          status: 'error',
          error: { code: error.code, message: error.message, media_id: media.media_id },
          frames: [],
        },
        fetchMs: fetched?.ms ?? 0,
        decodeMs,
      };
    }
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }

  private known(media: PostMedia, fetched?: FetchedMedia, type?: SniffedType) {
    return {
      media_id: media.media_id,
      kind: media.kind,
      ...(fetched ? { sha256: fetched.sha256, bytes: fetched.bytes.length } : {}),
      ...(type ? { mime: type.mime } : {}),
    };
  }

  private async decode(bytes: Buffer, type: SniffedType, kind: MediaKind): Promise<Decoded> {
    const { limits, specs } = this.options;
    if (type.family === 'image') {
      const visual: DecodedVisual = await decodeImage(bytes, specs, limits);
      return {
        frames: visual.frames,
        ...(visual.durationMs !== undefined ? { duration_ms: visual.durationMs } : {}),
      };
    }
    // ffmpeg reads containers such as MP4 (moov at the end) from a seekable file, not a pipe.
    const dir = await mkdtemp(join(this.options.tmpDir ?? tmpdir(), 'vigil-media-'));
    try {
      const file = join(dir, `input.${type.ext}`);
      await writeFile(file, bytes);
      const av = await decodeAv(file, dir, specs, limits, {
        wantFrames: type.family === 'video' && kind !== 'audio',
        demuxer: type.demuxer ?? '',
        ffmpegPath: this.options.ffmpegPath,
        ffprobePath: this.options.ffprobePath,
      });
      return {
        frames: av.frames,
        duration_ms: av.durationMs,
        ...(av.audio ? { audio: av.audio } : {}),
        ...(av.partial ? { partial: av.partial } : {}),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** `RangeError: Maximum call stack size exceeded`, cut to 300 characters, for an error message. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 300);
}
