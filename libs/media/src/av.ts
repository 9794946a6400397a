import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioPayload, Frame, ResizeSpec } from '@vigil/contracts';
import { pdqHashRgb } from '@vigil/pdq';
import ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
import { locateExecutable } from './binaries';
import { MediaError } from './errors';
import { frameVariants, intermediateScale } from './image';
import type { MediaLimits } from './limits';
import { fileUrl, pinnedInputOptions, probeMedia } from './probe';

export type AvLimits = Pick<
  MediaLimits,
  'maxPixels' | 'maxDurationMs' | 'maxVideoFrames' | 'decodeTimeoutMs'
>;

/**
 * Where the ffmpeg and ffprobe binaries are: a path, or a name looked up on `PATH`. Ingest sets them from
 * its validated `FFMPEG_PATH` / `FFPROBE_PATH` (services/ingest/src/config.ts); nothing here reads a
 * setting from the environment (fluent-ffmpeg's own `FFMPEG_PATH` lookup is bypassed).
 */
export interface AvBinaries {
  /** ffmpeg; default `ffmpeg`. fluent-ffmpeg keeps it process-wide: one ffmpeg per process. */
  readonly ffmpegPath?: string;
  /** ffprobe; default `ffprobe`. */
  readonly ffprobePath?: string;
}

/** Sample rate of the PCM handed to the audio expert, Hz. */
export const AUDIO_SAMPLE_RATE = 16_000;

export interface DecodedAv {
  readonly durationMs: number;
  /**
   * Set when only part of the medium could be read (sampled frames missing beside others that decoded,
   * or ffmpeg reported decode errors): what was lost, for the medium's MEDIA_PARTIALLY_DECODED warning.
   */
  readonly partial?: string;
  /** Video display size; absent for audio-only media. */
  readonly width?: number;
  readonly height?: number;
  readonly frames: Frame[];
  readonly audio?: AudioPayload;
}

/** Time left before `deadline`, ms. @throws MediaError MEDIA_DECODE_TIMEOUT when none is left. */
function remaining(deadline: number, budgetMs: number): number {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new MediaError('MEDIA_DECODE_TIMEOUT', `decode passed ${budgetMs} ms`);
  return ms;
}

/** Uniform frame times, ms: about one per second, at most `max`, each in the middle of its slice. */
export function sampleTimesMs(durationMs: number, max: number): number[] {
  const k = Math.max(1, Math.min(max, Math.ceil(durationMs / 1000)));
  return Array.from({ length: k }, (_, i) => Math.round(((i + 0.5) * durationMs) / k));
}

/**
 * The ffmpeg binary `command` names, located before fluent-ffmpeg is told to spawn it.
 * @throws MediaError MEDIA_INTERNAL when there is none (the machine's fault, not the medium's).
 */
async function locateFfmpeg(command: string): Promise<string> {
  const path = await locateExecutable(command);
  if (!path) throw new MediaError('MEDIA_INTERNAL', `ffmpeg not found: ${command} (FFMPEG_PATH)`);
  return path;
}

/** A fluent-ffmpeg command on `ffmpegPath` that reads no stdin and reports errors only. */
function ffmpegCommand(ffmpegPath: string): ffmpeg.FfmpegCommand {
  return ffmpeg({ stdoutLines: 0 }).setFfmpegPath(ffmpegPath).addOption('-nostdin').addOption('-v error');
}

/**
 * Runs one ffmpeg process (fluent-ffmpeg) and kills it with SIGKILL when `timeoutMs` passes; resolves or
 * rejects only after the process has exited, so the caller can delete its files safely.
 */
function runFfmpeg(command: ffmpeg.FfmpegCommand, timeoutMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    let stderrTail = '';
    // ffmpeg runs with `-v error`: every stderr line is an error it recovered from (or the fatal one).
    const errorLines: string[] = [];
    const timer = setTimeout(() => {
      timedOut = true;
      command.kill('SIGKILL');
    }, timeoutMs);
    command
      .on('start', () => {
        // The timer may have fired while fluent-ffmpeg was still preparing: kill on spawn then.
        if (timedOut) command.kill('SIGKILL');
      })
      .on('stderr', (line: string) => {
        stderrTail = line;
        if (errorLines.length < 100) errorLines.push(line);
      })
      .on('error', (error: Error) => {
        clearTimeout(timer);
        reject(
          timedOut
            ? new MediaError('MEDIA_DECODE_TIMEOUT', `ffmpeg passed ${timeoutMs} ms and was killed`)
            : new MediaError('MEDIA_CORRUPT', `ffmpeg: ${stderrTail || error.message}`, { cause: error }),
        );
      })
      .on('end', () => {
        clearTimeout(timer);
        resolve(errorLines);
      })
      .run();
  });
}

/**
 * Decodes a video or audio file that is already on disk (a temp file the caller deletes), read only
 * with `options.demuxer` (the sniffed container, see {@link pinnedInputOptions}):
 * 1. ffprobe: streams and duration; over `maxDurationMs` → MEDIA_TOO_LONG before anything is decoded,
 *    frames over `maxPixels` → MEDIA_TOO_MANY_PIXELS.
 * 2. one ffmpeg process: up to `maxVideoFrames` frames at uniform times (`-ss` before each input: fast seek
 *    to the keyframe, then exact decode to the time), rotated for display and scaled to the smallest size
 *    every variant can come from, as raw RGB24; plus the first audio track as 16 kHz mono s16le PCM.
 *    When no sampled time yields a frame (a one-frame video: its only frame starts before the first
 *    sample time), the first decodable frame is taken instead.
 * 3. sharp: one RGB uint8 HWC variant per resize spec for each frame; PDQ of each decoded frame.
 *
 * `wantFrames: false` (audio media, or a video posted as audio) skips the frames; `ffmpegPath` and
 * `ffprobePath` name the binaries ({@link AvBinaries}). Sampled frames that
 * are missing beside others, or decode errors ffmpeg recovered from, set `partial`.
 * The whole call shares one `decodeTimeoutMs` budget; ffprobe and ffmpeg are killed when it runs out.
 * @throws MediaError MEDIA_TOO_LONG, MEDIA_TOO_MANY_PIXELS, MEDIA_CORRUPT, MEDIA_UNSUPPORTED_TYPE,
 *   MEDIA_DECODE_TIMEOUT, or MEDIA_INTERNAL when ffmpeg or ffprobe is not there.
 */
export async function decodeAv(
  file: string,
  workDir: string,
  specs: readonly ResizeSpec[],
  limits: AvLimits,
  options: { wantFrames: boolean; demuxer: string } & AvBinaries,
): Promise<DecodedAv> {
  const deadline = Date.now() + limits.decodeTimeoutMs;
  const left = () => remaining(deadline, limits.decodeTimeoutMs);
  const probe = await probeMedia(file, options.demuxer, left(), options.ffprobePath);
  if (probe.durationMs > limits.maxDurationMs) {
    throw new MediaError(
      'MEDIA_TOO_LONG',
      `${(probe.durationMs / 1000).toFixed(1)} s exceeds the ${limits.maxDurationMs / 1000} s limit`,
    );
  }
  const video = options.wantFrames ? probe.video : undefined;
  if (video && video.width * video.height > limits.maxPixels) {
    throw new MediaError(
      'MEDIA_TOO_MANY_PIXELS',
      `${video.width}×${video.height} video frames exceed the ${limits.maxPixels}-pixel limit`,
    );
  }
  if (!video && !probe.audio) {
    throw new MediaError('MEDIA_UNSUPPORTED_TYPE', 'a video without sound cannot be decoded as audio');
  }

  const ffmpegPath = await locateFfmpeg(options.ffmpegPath ?? 'ffmpeg');
  const input = pinnedInputOptions(options.demuxer);
  const times = video ? sampleTimesMs(probe.durationMs, limits.maxVideoFrames) : [];
  // Without image variants the frames are still decoded for PDQ, at up to 512 px on the long side.
  const scale = video
    ? specs.length > 0
      ? intermediateScale(video.width, video.height, specs)
      : Math.min(1, 512 / Math.max(video.width, video.height))
    : 1;
  const out = video
    ? {
        width: Math.max(2, Math.ceil(video.width * scale)),
        height: Math.max(2, Math.ceil(video.height * scale)),
      }
    : { width: 0, height: 0 };
  const frameOutput = (command: ffmpeg.FfmpegCommand, input: number, name: string) =>
    command
      .output(join(workDir, name))
      .outputOptions([
        ...['-map', `${input}:v:0`, '-frames:v', '1', '-an'],
        ...['-vf', `scale=${out.width}:${out.height}:flags=area`, '-pix_fmt', 'rgb24', '-f', 'rawvideo'],
      ]);
  const command = ffmpegCommand(ffmpegPath);
  times.forEach((t) => command.input(fileUrl(file)).inputOptions([...input, '-ss', (t / 1000).toFixed(3)]));
  times.forEach((_, i) => frameOutput(command, i, `frame-${i}.rgb`));
  const pcmFile = join(workDir, 'audio.pcm');
  if (probe.audio) {
    command.input(fileUrl(file)).inputOptions(input);
    command
      .output(pcmFile)
      .outputOptions([
        ...['-map', `${times.length}:a:0`, '-vn', '-ac', '1', '-ar', String(AUDIO_SAMPLE_RATE)],
        ...['-c:a', 'pcm_s16le', '-f', 's16le', '-t', String(limits.maxDurationMs / 1000)],
      ]);
  }
  const decodeErrors = await runFfmpeg(command, left());

  const frameBytes = out.width * out.height * 3;
  const readFrame = async (name: string) => {
    const raw = await readFile(join(workDir, name)).catch(() => Buffer.alloc(0));
    // A seek past the last decodable frame yields an empty file.
    return raw.length === frameBytes ? raw : undefined;
  };
  const raws: Array<{ t: number; raw: Buffer }> = [];
  for (const [i, t] of times.entries()) {
    const raw = await readFrame(`frame-${i}.rgb`);
    if (raw) raws.push({ t, raw });
  }
  if (video && raws.length === 0) {
    // No sample time reached a frame (e.g. a one-frame video): take the first frame that decodes.
    const first = ffmpegCommand(ffmpegPath);
    frameOutput(first.input(fileUrl(file)).inputOptions(input), 0, 'frame-first.rgb');
    decodeErrors.push(...(await runFfmpeg(first, left())).slice(0, 100 - decodeErrors.length));
    const raw = await readFrame('frame-first.rgb');
    if (raw) raws.push({ t: 0, raw });
  }
  const frames: Frame[] = [];
  for (const { t, raw } of raws) {
    const pipeline = sharp(raw, { raw: { width: out.width, height: out.height, channels: 3 } });
    const { variants } = await frameVariants(pipeline, out, specs, left());
    // PDQ of the sampled frame at the decoded size (PDQ reduces every input to 64×64 first).
    const pdq = pdqHashRgb(raw, out.width, out.height);
    frames.push({ timestamp_ms: t, width: video!.width, height: video!.height, variants, pdq });
  }
  if (video && frames.length === 0 && !probe.audio) {
    throw new MediaError('MEDIA_CORRUPT', 'no video frame could be decoded');
  }

  let audio: AudioPayload | undefined;
  if (probe.audio) {
    const pcm = await readFile(pcmFile);
    const samples = Math.floor(pcm.length / 2);
    audio = {
      sample_rate: AUDIO_SAMPLE_RATE,
      pcm_s16le: pcm.subarray(0, samples * 2),
      duration_ms: (samples / AUDIO_SAMPLE_RATE) * 1000,
    };
  }
  const partial = partialDecode(
    video ? times.length - Math.min(times.length, frames.length) : 0,
    times.length,
    decodeErrors,
  );
  return {
    durationMs: probe.durationMs,
    width: video?.width,
    height: video?.height,
    frames,
    ...(audio ? { audio } : {}),
    ...(partial ? { partial } : {}),
  };
}

/** What was lost while decoding, or undefined when nothing was: missing sampled frames, decode errors. */
function partialDecode(
  missing: number,
  sampled: number,
  decodeErrors: readonly string[],
): string | undefined {
  const parts: string[] = [];
  if (missing > 0 && missing < sampled)
    parts.push(`${missing} of ${sampled} sampled frames could not be decoded`);
  if (decodeErrors.length > 0) {
    parts.push(
      `ffmpeg reported ${decodeErrors.length} decode error(s), first: ${decodeErrors[0]!.slice(0, 200)}`,
    );
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}
