/**
 * ffprobe, run on a local file with the sniffed demuxer only: container, duration and first streams.
 * libs/media/src/av.ts decodes what it describes.
 */
import { execFile } from 'node:child_process';
import { MediaError } from './errors';
import { ACCEPTED_DEMUXERS } from './sniff';

/** What ffprobe says about a file (header and stream parameters only; nothing is decoded). */
export interface ProbeResult {
  readonly format: string;
  readonly durationMs: number;
  /** Display size of the first video stream (rotation applied), when there is one. */
  readonly video?: { readonly width: number; readonly height: number; readonly codec: string };
  readonly audio?: { readonly codec: string; readonly sampleRate: number; readonly channels: number };
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
export function fileUrl(path: string): string {
  return `file:${path}`;
}

/**
 * Runs ffprobe (`ffprobePath`) with a hard timeout (SIGKILL). fluent-ffmpeg's own `ffprobe()` has no
 * timeout and parses ffprobe's INI output, so this one asks for JSON and can be killed; ffmpeg itself runs
 * through fluent-ffmpeg.
 * @throws MediaError MEDIA_DECODE_TIMEOUT, MEDIA_INTERNAL when `ffprobePath` is not there, or MEDIA_CORRUPT
 *   when ffprobe fails on the file.
 */
function runFfprobe(args: string[], timeoutMs: number, ffprobePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobePath,
      ['-v', 'error', ...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (error.killed || error.signal === 'SIGKILL') {
          return reject(new MediaError('MEDIA_DECODE_TIMEOUT', `ffprobe passed ${timeoutMs} ms`));
        }
        if (error.code === 'ENOENT') {
          return reject(new MediaError('MEDIA_INTERNAL', `ffprobe not found: ${ffprobePath} (FFPROBE_PATH)`));
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
 * @param timeoutMs budget of each ffprobe run, ms.
 * @param ffprobePath the ffprobe binary: a path, or a name looked up on `PATH`.
 * @throws MediaError MEDIA_CORRUPT (unreadable, no stream), MEDIA_UNSUPPORTED_TYPE (demuxer not
 *   accepted), MEDIA_DECODE_TIMEOUT, or MEDIA_INTERNAL (`ffprobePath` is not there).
 */
export async function probeMedia(
  file: string,
  demuxer: string,
  timeoutMs: number,
  ffprobePath = 'ffprobe',
): Promise<ProbeResult> {
  const input = [...pinnedInputOptions(demuxer), '-i', fileUrl(file)];
  const json = JSON.parse(
    await runFfprobe(
      ['-print_format', 'json', '-show_format', '-show_streams', ...input],
      timeoutMs,
      ffprobePath,
    ),
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
      ffprobePath,
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
