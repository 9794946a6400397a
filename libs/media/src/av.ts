import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioPayload, Frame, ResizeSpec } from '@vigil/contracts';
import { pdqHashRgb } from '@vigil/pdq';
import ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
import { MediaError } from './errors';
import { frameVariants, intermediateScale } from './image';
import type { MediaLimits } from './limits';
import { ACCEPTED_DEMUXERS } from './sniff';

export type AvLimits = Pick<
  MediaLimits,
  'maxPixels' | 'maxDurationMs' | 'maxVideoFrames' | 'decodeTimeoutMs'
>;

/** Sample rate of the PCM handed to the audio expert, Hz. */
export const AUDIO_SAMPLE_RATE = 16_000;

/** What ffprobe says about a file (header and stream parameters only; nothing is decoded). */
export interface ProbeResult {
  readonly format: string;
  readonly durationMs: number;
  /** Display size of the first video stream (rotation applied), when there is one. */
  readonly video?: { readonly width: number; readonly height: number; readonly codec: string };
  readonly audio?: { readonly codec: string; readonly sampleRate: number; readonly channels: number };
}

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

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    duration?: string;
    sample_rate?: string;
    channels?: number;
    disposition?: { attached_pic?: number };
    tags?: { rotate?: string };
    side_data_list?: Array<{ rotation?: number }>;
  }>;
}

/**
 * Input options that pin ffmpeg/ffprobe to one local file read by the sniffed demuxer: `-f` (no probing),
 * `-protocol_whitelist file` (no network, no pipe/concat/subfile tricks) and `-format_whitelist` of the
 * accepted containers (libavformat refuses any other demuxer, including nested ones such as HLS).
 * @param demuxer ffmpeg demuxer name from the sniffer (`SniffedType.demuxer`).
 * @throws MediaError MEDIA_UNSUPPORTED_TYPE when `demuxer` is not an accepted container.
 */
export function pinnedInputOptions(demuxer: string): string[] {
  if (!ACCEPTED_DEMUXERS.includes(demuxer)) {
    throw new MediaError('MEDIA_UNSUPPORTED_TYPE', `no accepted ffmpeg demuxer named ${demuxer}`);
  }
  return [
    ...['-f', demuxer],
    ...['-protocol_whitelist', 'file'],
    ...['-format_whitelist', ACCEPTED_DEMUXERS.join(',')],
  ];
}

/** The `file:` URL of a local path, so a name with `:` or `|` is never read as another protocol. */
function fileUrl(path: string): string {
  return `file:${path}`;
}

/** Time left before `deadline`, ms. @throws MediaError MEDIA_DECODE_TIMEOUT when none is left. */
function remaining(deadline: number, budgetMs: number): number {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new MediaError('MEDIA_DECODE_TIMEOUT', `decode passed ${budgetMs} ms`);
  return ms;
}

/**
 * Runs ffprobe with a hard timeout (SIGKILL). fluent-ffmpeg's own `ffprobe()` has no timeout and parses
 * ffprobe's INI output, so this one asks for JSON and can be killed; ffmpeg itself runs through fluent-ffmpeg.
 */
function runFfprobe(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.env.FFPROBE_PATH ?? 'ffprobe',
      ['-v', 'error', ...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (error.killed || error.signal === 'SIGKILL') {
          return reject(new MediaError('MEDIA_DECODE_TIMEOUT', `ffprobe passed ${timeoutMs} ms`));
        }
        const detail = stderr.trim().split('\n').pop() || error.message;
        reject(new MediaError('MEDIA_CORRUPT', `ffprobe: ${detail}`, { cause: error }));
      },
    );
  });
}

/**
 * Probes a media file with the sniffed demuxer (see {@link pinnedInputOptions}): container, duration and
 * the first video/audio stream. When the container states no duration (e.g. a WebM recorded by a
 * browser), it is read from the largest packet timestamp, which demuxes the file but decodes nothing.
 * @throws MediaError MEDIA_CORRUPT (unreadable, no stream), MEDIA_UNSUPPORTED_TYPE (demuxer not
 *   accepted) or MEDIA_DECODE_TIMEOUT.
 */
export async function probeMedia(file: string, demuxer: string, timeoutMs: number): Promise<ProbeResult> {
  const input = [...pinnedInputOptions(demuxer), '-i', fileUrl(file)];
  const json = JSON.parse(
    await runFfprobe(['-print_format', 'json', '-show_format', '-show_streams', ...input], timeoutMs),
  ) as FfprobeJson;
  const streams = json.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === 'audio');
  if (!v && !a) throw new MediaError('MEDIA_CORRUPT', 'no audio or video stream');
  let seconds = Number(json.format?.duration ?? v?.duration ?? a?.duration);
  if (!Number.isFinite(seconds)) {
    const times = await runFfprobe(
      ['-select_streams', v ? 'v:0' : 'a:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', ...input],
      timeoutMs,
    );
    seconds = lastTimestamp(times);
  }
  let video: ProbeResult['video'];
  if (v?.width && v.height) {
    const rotation =
      v.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? Number(v.tags?.rotate ?? 0);
    const quarter = Math.abs(Math.round(rotation / 90)) % 2 === 1;
    video = {
      width: quarter ? v.height : v.width,
      height: quarter ? v.width : v.height,
      codec: v.codec_name ?? 'unknown',
    };
  }
  return {
    format: json.format?.format_name ?? 'unknown',
    durationMs: Math.round(seconds * 1000),
    video,
    audio: a
      ? {
          codec: a.codec_name ?? 'unknown',
          sampleRate: Number(a.sample_rate ?? 0),
          channels: a.channels ?? 0,
        }
      : undefined,
  };
}

/**
 * Largest finite number among the lines of ffprobe's packet listing, seconds (0 when none). A loop, not
 * `Math.max(...lines)`: a file can hold hundreds of thousands of packets, more arguments than the stack takes.
 */
export function lastTimestamp(lines: string): number {
  let max = 0;
  for (const line of lines.split('\n')) {
    const t = Number(line);
    if (line !== '' && Number.isFinite(t) && t > max) max = t;
  }
  return max;
}

/** Uniform frame times, ms: about one per second, at most `max`, each in the middle of its slice. */
export function sampleTimesMs(durationMs: number, max: number): number[] {
  const k = Math.max(1, Math.min(max, Math.ceil(durationMs / 1000)));
  return Array.from({ length: k }, (_, i) => Math.round(((i + 0.5) * durationMs) / k));
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
 * `wantFrames: false` (audio media, or a video posted as audio) skips the frames. Sampled frames that
 * are missing beside others, or decode errors ffmpeg recovered from, set `partial`.
 * The whole call shares one `decodeTimeoutMs` budget; ffprobe and ffmpeg are killed when it runs out.
 * @throws MediaError MEDIA_TOO_LONG, MEDIA_TOO_MANY_PIXELS, MEDIA_CORRUPT, MEDIA_UNSUPPORTED_TYPE or
 *   MEDIA_DECODE_TIMEOUT.
 */
export async function decodeAv(
  file: string,
  workDir: string,
  specs: readonly ResizeSpec[],
  limits: AvLimits,
  options: { wantFrames: boolean; demuxer: string },
): Promise<DecodedAv> {
  const deadline = Date.now() + limits.decodeTimeoutMs;
  const left = () => remaining(deadline, limits.decodeTimeoutMs);
  const probe = await probeMedia(file, options.demuxer, left());
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
  const command = ffmpeg({ stdoutLines: 0 }).addOption('-nostdin').addOption('-v error');
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
    const first = ffmpeg({ stdoutLines: 0 }).addOption('-nostdin').addOption('-v error');
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
