/**
 * Hostile media made on the spot (ffmpeg, sharp, bytes): each reproduces an attack or a valid file Vigil
 * once refused, so tests and `npm run fuzz` never need committed samples.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ffmpegSync } from './fixtures';

/** Runs `make(dir)` in a fresh temp folder and returns the bytes of the file it names. */
function inTemp(make: (dir: string) => string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-hostile-'));
  try {
    return readFileSync(make(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A WebM with `packets` tiny VP8 packets (1 ms apart) and no duration in its header: a 16×16 keyframe
 * repeated in an IVF stream, remuxed to a pipe so the muxer cannot go back to write the duration.
 * 180,000 packets ≈ 6.7 MB; ffprobe must list every packet to learn how long it is.
 */
export function manyPacketWebm(packets: number): Buffer {
  return inTemp((dir) => {
    const one = join(dir, 'one.ivf');
    ffmpegSync(['-f', 'lavfi', '-i', 'color=c=black:s=16x16:r=25', '-frames:v', '1', '-c:v', 'libvpx', one]);
    const ivf = readFileSync(one);
    const frameBytes = ivf.readUInt32LE(32);
    const frame = ivf.subarray(44, 44 + frameBytes);
    const header = Buffer.from(ivf.subarray(0, 32));
    header.writeUInt32LE(1000, 16); // time base 1/1000 s
    header.writeUInt32LE(1, 20);
    header.writeUInt32LE(packets, 24);
    const parts: Buffer[] = [header];
    for (let i = 0; i < packets; i++) {
      const h = Buffer.alloc(12);
      h.writeUInt32LE(frameBytes, 0);
      h.writeBigUInt64LE(BigInt(i), 4);
      parts.push(h, frame);
    }
    const big = join(dir, 'big.ivf');
    writeFileSync(big, Buffer.concat(parts));
    const out = join(dir, 'many.webm');
    // Written to a pipe (not seekable), so no Duration element.
    const webm = execFileSync(
      'ffmpeg',
      ['-v', 'error', '-nostdin', '-f', 'ivf', '-i', big, '-c', 'copy', '-f', 'webm', 'pipe:1'],
      { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    writeFileSync(out, webm);
    return out;
  });
}

/**
 * An ID3v2.4 tag with the footer flag set and an MPEG audio frame header where the footer should be:
 * a sniffer that skips 10 bytes sees MP3, ffmpeg skips 20 and reads `payload`.
 */
export function id3FooterDisguise(payload: Buffer): Buffer {
  const header = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x10, 0, 0, 0, 0]);
  // MPEG-1 Layer III, 128 kb/s, 44.1 kHz frame header, then padding to the 10 footer bytes.
  const fakeFrame = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, fakeFrame, payload]);
}

/** An ID3v2.3 tag of `size` bytes (zero padding) in front of `payload`. */
export function id3Tagged(payload: Buffer, size: number): Buffer {
  const syncsafe = [21, 14, 7, 0].map((shift) => (size >> shift) & 0x7f);
  return Buffer.concat([
    Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, ...syncsafe]),
    Buffer.alloc(size),
    payload,
  ]);
}

/** An HLS media playlist whose one segment is the local file `target`. */
export function hlsPlaylist(target: string, seconds = 3.2): Buffer {
  return Buffer.from(
    `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXTINF:${seconds},\n${target}\n#EXT-X-ENDLIST\n`,
  );
}

/** A DASH manifest whose one segment is the local file `target`. */
export function dashManifest(target: string): Buffer {
  return Buffer.from(
    '<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" ' +
      'mediaPresentationDuration="PT3.2S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">' +
      `<Period><AdaptationSet mimeType="audio/mpeg"><Representation id="a" bandwidth="64000">` +
      `<BaseURL>file:${target}</BaseURL></Representation></AdaptationSet></Period></MPD>\n`,
  );
}

/** An ffconcat script naming the local file `target`. */
export function ffconcatScript(target: string): Buffer {
  return Buffer.from(`ffconcat version 1.0\nfile '${target}'\n`);
}

/** A 3.2 s 440 Hz MP3 tone (a "private" file for the playlists above to point at). */
export function toneMp3(seconds = 3.2): Buffer {
  return inTemp((dir) => {
    const out = join(dir, 'tone.mp3');
    ffmpegSync(['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'libmp3lame', out]);
    return out;
  });
}

/** A valid H.264 MP4 of exactly one 64×48 frame (red). */
export function oneFrameMp4(): Buffer {
  return inTemp((dir) => {
    const out = join(dir, 'one.mp4');
    ffmpegSync([
      ...['-f', 'lavfi', '-i', 'color=c=red:s=64x48:r=25', '-frames:v', '1'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', out],
    ]);
    return out;
  });
}

/**
 * A 6 s 320×240 H.264 MP4 (moov first) whose middle third of media data is overwritten with pseudo-random
 * bytes (seeded): the start and end decode, the middle does not.
 */
export function corruptedMiddleMp4(seed = 1): Buffer {
  const bytes = inTemp((dir) => {
    const out = join(dir, 'clip.mp4');
    ffmpegSync([
      ...['-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=6'],
      ...['-c:v', 'libx264', '-g', '25', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', out],
    ]);
    return out;
  });
  let state = seed >>> 0 || 1;
  const start = Math.floor(bytes.length * 0.4);
  const end = Math.floor(bytes.length * 0.6);
  for (let i = start; i < end; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/**
 * A `side`×`side` JPEG: `photo` (any image sharp reads) enlarged, or by default a 64×64 pattern of
 * gradients and blocks enlarged (making a 7071 px one costs one 150 MB raw buffer, not an SVG render).
 */
export async function hugeJpeg(side: number, photo?: Buffer): Promise<Buffer> {
  const n = 64;
  const raw = Buffer.alloc(n * n * 3);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const block = (x >> 4) + (y >> 4);
      raw.set([(x * 4) & 255, (y * 4) & 255, block % 2 ? 200 : 40], (y * n + x) * 3);
    }
  const source = photo ? sharp(photo) : sharp(raw, { raw: { width: n, height: n, channels: 3 } });
  return source.resize(side, side, { kernel: 'cubic', fit: 'fill' }).jpeg({ quality: 85 }).toBuffer();
}
