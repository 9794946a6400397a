/**
 * Test media made on the spot: sharp for images, ffmpeg (lavfi sources) for video and audio, plus the
 * real photographs in `.data/photos` (infra/data/photos.sh). Every fixture's expected content is known,
 * so tests assert pixels, timestamps and pitch rather than "it did not throw".
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Colours of the segments of the test videos and animations, in order. */
export const SEGMENT_COLOURS: ReadonlyArray<readonly [number, number, number]> = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
];

/** Frequency of every test tone, Hz. */
export const TONE_HZ = 440;

/** Runs ffmpeg quietly and synchronously (test and bench inputs); `args` follow `-v error -nostdin -y`. */
export function ffmpegSync(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** 64×32 RGB: left half red, right half blue. With EXIF orientation 6 it displays as 32×64, red on top. */
function halves(): { raw: Buffer; width: number; height: number } {
  const width = 64;
  const height = 32;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255;
  return { raw, width, height };
}

/** A PNG whose header declares `width`×`height` (a decompression bomb's header) with one tiny IDAT. */
export function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))), // one zero row
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Sets the video track's display matrix (ISO/IEC 14496-12 `tkhd`, version 0) to a 90° clockwise
 * rotation, as phones record portrait video: [0 1 0; -1 0 0; 0 0 1] in 16.16 / 2.30 fixed point.
 */
function withDisplayRotation(mp4: Buffer): Buffer {
  const out = Buffer.from(mp4);
  const matrix = out.indexOf('tkhd') + 4 + 40; // past version/flags, times, track id, duration, layer, volume
  [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000].forEach((v, i) => out.writeInt32BE(v, matrix + i * 4));
  return out;
}

/** Every fixture, by file name (the extension is what a platform's URL would say). */
export type MediaFixtures = Record<string, Buffer>;

/**
 * Writes the test media into `dir` and returns their bytes. About 2 s on 2 cores.
 * @param photosDir the real photos folder (default `<repo>/.data/photos`).
 */
export async function makeMediaFixtures(dir: string, photosDir: string): Promise<MediaFixtures> {
  const out: MediaFixtures = {};
  const { raw, width, height } = halves();
  const halvesImage = () => sharp(raw, { raw: { width, height, channels: 3 } });
  for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
    out[`rotated.${format}`] = await halvesImage()
      .withMetadata({ orientation: 6 })
      .toFormat(format)
      .toBuffer();
  }
  out['cmyk.jpeg'] = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ff0000' } })
    .toColourspace('cmyk')
    .jpeg()
    .toBuffer();
  // Left half fully transparent, right half opaque green.
  const rgba = Buffer.alloc(32 * 16 * 4);
  for (let i = 0; i < 32 * 16; i++) if (i % 32 >= 16) rgba.set([0, 255, 0, 255], i * 4);
  out['alpha.png'] = await sharp(rgba, { raw: { width: 32, height: 16, channels: 4 } })
    .png()
    .toBuffer();

  // 9 frames of 100 ms: three of each segment colour.
  const frameSide = 16;
  const pages = 9;
  const tall = Buffer.alloc(frameSide * frameSide * pages * 3);
  for (let p = 0; p < pages; p++) {
    // Frames of one segment differ slightly (encoders merge identical frames).
    const colour = [...SEGMENT_COLOURS[Math.floor(p / 3)]!];
    colour[colour.indexOf(0)] = (p % 3) * 8;
    for (let i = 0; i < frameSide * frameSide; i++) tall.set(colour, (p * frameSide * frameSide + i) * 3);
  }
  const animation = () =>
    sharp(tall, { raw: { width: frameSide, height: frameSide * pages, channels: 3, pageHeight: frameSide } });
  out['animated.gif'] = await animation()
    .gif({ delay: Array(pages).fill(100), loop: 0 })
    .toBuffer();
  out['animated.webp'] = await animation()
    .webp({ lossless: true, delay: Array(pages).fill(100), loop: 0 })
    .toBuffer();

  const photo = readFileSync(join(photosDir, 'rocket.jpg'));
  out['rocket.jpg'] = photo;
  out['truncated.jpg'] = photo.subarray(0, Math.floor(photo.length / 2));
  out['empty.jpg'] = Buffer.alloc(0);
  out['bomb.png'] = pngDeclaring(30_000, 30_000);
  // A ZIP archive named like a photo.
  out['lies.jpg'] = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60, 1)]);
  // A real PNG named .jpg: the bytes win, it decodes.
  out['png-named.jpg'] = readFileSync(join(photosDir, 'chelsea.png'));

  // Three one-second colour segments, 320×240 at 25 fps, and a 440 Hz tone.
  const segments = SEGMENT_COLOURS.map(
    ([r, g, b]) =>
      `color=c=0x${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}:s=320x240:r=25:d=1`,
  );
  const colourGraph = `${segments.map((s, i) => `${s}[s${i}]`).join(';')};[s0][s1][s2]concat=n=3:v=1:a=0,format=yuv420p[v]`;
  const tone = `sine=frequency=${TONE_HZ}:sample_rate=44100:duration=3`;
  const files = (name: string) => join(dir, name);
  ffmpegSync([
    '-filter_complex',
    colourGraph,
    '-f',
    'lavfi',
    '-i',
    tone,
    '-map',
    '[v]',
    '-map',
    '0:a',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '25',
    '-c:a',
    'aac',
    '-shortest',
    files('clip.mp4'),
  ]);
  ffmpegSync([
    '-filter_complex',
    colourGraph,
    '-map',
    '[v]',
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '200k',
    files('clip.webm'),
  ]);
  // A phone video: stored 320×240 (green left half over red, then blue), display matrix rotating it 90°
  // clockwise (as phones write it), so it plays 240×320 with green on top.
  ffmpegSync([
    '-filter_complex',
    'color=c=red:s=320x240:r=25:d=1[a];color=c=blue:s=320x240:r=25:d=1[b];[a][b]concat=n=2,drawbox=x=0:y=0:w=160:h=240:c=lime:t=fill,format=yuv420p',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    files('portrait.mp4'),
  ]);
  out['portrait.mp4'] = withDisplayRotation(readFileSync(files('portrait.mp4')));
  // A real two-hour video (one 16×16 frame a minute): its header says 7200 s.
  ffmpegSync([
    '-f',
    'lavfi',
    '-i',
    'color=c=black:s=16x16:r=1/60:d=7200',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-movflags',
    '+faststart',
    files('two-hours.mp4'),
  ]);
  const audioTone = `sine=frequency=${TONE_HZ}:sample_rate=44100:duration=2`;
  for (const [name, codec] of [
    ['tone.mp3', ['-c:a', 'libmp3lame']],
    ['tone.ogg', ['-c:a', 'libvorbis']],
    ['tone.opus', ['-c:a', 'libopus']],
    ['tone.wav', ['-c:a', 'pcm_s16le']],
    ['tone.flac', ['-c:a', 'flac']],
    ['tone.m4a', ['-c:a', 'aac']],
  ] as const) {
    ffmpegSync(['-f', 'lavfi', '-i', audioTone, ...codec, files(name)]);
  }
  for (const name of [
    'clip.mp4',
    'clip.webm',
    'two-hours.mp4',
    'tone.mp3',
    'tone.ogg',
    'tone.opus',
    'tone.wav',
    'tone.flac',
    'tone.m4a',
  ]) {
    out[name] = readFileSync(files(name));
  }
  // An MP4 whose media data is garbage after a valid header.
  const clip = out['clip.mp4']!;
  out['garbage.mp4'] = Buffer.concat([clip.subarray(0, 64), Buffer.alloc(4096, 0x5a)]);
  return out;
}
