import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAv, DEFAULT_MEDIA_LIMITS, isMediaError, locateExecutable } from '../src';
import { ffmpegSync } from '../src/testing';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-decode-timeout-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Command lines of running processes that mention `needle` (from /proc). */
function processesMentioning(needle: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmd.includes(needle) ? [cmd] : [];
      } catch {
        return []; // the process exited while we looked
      }
    });
}

describe('decode timeout', () => {
  it('kills ffmpeg when the per-item budget runs out (MEDIA_DECODE_TIMEOUT)', async () => {
    // A FIFO that delivers a valid WebM once: ffprobe reads it and succeeds, then ffmpeg opens it again
    // and blocks forever waiting for a writer — a decode that can only end by being killed.
    const clip = join(dir, 'clip.webm');
    ffmpegSync([
      '-f',
      'lavfi',
      '-i',
      'testsrc=s=64x48:r=10:d=2',
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      'realtime',
      clip,
    ]);
    const fifo = join(dir, 'stuck.webm');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.end(readFileSync(clip));

    const work = mkdtempSync(join(dir, 'work-'));
    const error = await decodeAv(
      fifo,
      work,
      [{ fit: 'fill', width: 32, height: 32 }],
      { ...DEFAULT_MEDIA_LIMITS, decodeTimeoutMs: 3_000 },
      { wantFrames: true, demuxer: 'matroska' },
    ).catch((e: unknown) => e);

    expect(isMediaError(error, 'MEDIA_DECODE_TIMEOUT'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/ffmpeg .*killed/);
    expect(processesMentioning(fifo)).toEqual([]);
    expect(existsSync(work)).toBe(true); // the caller (MediaProcessor) owns and removes it
  });

  it('kills ffprobe too: a file nobody writes never stalls the decoder', async () => {
    const fifo = join(dir, 'silent.mp4');
    execFileSync('mkfifo', [fifo]);
    const error = await decodeAv(
      fifo,
      dir,
      [],
      { ...DEFAULT_MEDIA_LIMITS, decodeTimeoutMs: 500 },
      { wantFrames: true, demuxer: 'mov' },
    ).catch((e: unknown) => e);
    expect(isMediaError(error, 'MEDIA_DECODE_TIMEOUT'), String(error)).toBe(true);
    expect(processesMentioning(fifo)).toEqual([]);
  });
});

describe('ffmpeg and ffprobe binaries', () => {
  it('runs the binaries it is given (ingest FFMPEG_PATH, FFPROBE_PATH); a missing one is MEDIA_INTERNAL', async () => {
    const clip = join(dir, 'binaries.webm');
    ffmpegSync([
      '-f',
      'lavfi',
      '-i',
      'testsrc=s=64x48:r=10:d=1',
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      'realtime',
      clip,
    ]);
    const decode = (binaries: { ffmpegPath?: string; ffprobePath?: string }) =>
      decodeAv(clip, mkdtempSync(join(dir, 'work-')), [], DEFAULT_MEDIA_LIMITS, {
        wantFrames: true,
        demuxer: 'matroska',
        ...binaries,
      }).catch((e: unknown) => e);

    const noProbe = await decode({ ffprobePath: join(dir, 'no-such-ffprobe') });
    expect(isMediaError(noProbe, 'MEDIA_INTERNAL'), String(noProbe)).toBe(true);
    expect((noProbe as Error).message).toMatch(/ffprobe not found: .*no-such-ffprobe/);
    // fluent-ffmpeg would throw out of any promise on a binary that is not there: it is looked up first.
    const noFfmpeg = await decode({ ffmpegPath: join(dir, 'no-such-ffmpeg') });
    expect(isMediaError(noFfmpeg, 'MEDIA_INTERNAL'), String(noFfmpeg)).toBe(true);
    expect((noFfmpeg as Error).message).toMatch(/ffmpeg not found: .*no-such-ffmpeg/);

    const ffmpegPath = await locateExecutable('ffmpeg');
    expect(ffmpegPath).toMatch(/\/ffmpeg$/);
    expect(await decode({ ffmpegPath, ffprobePath: 'ffprobe' })).toMatchObject({
      frames: [expect.anything()],
    });
  });
});
