/** The valid seed files `npm run fuzz` mutates, made on the spot with sharp and ffmpeg (nothing committed). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MediaKind } from '@vigil/contracts';
import { ffmpegSync, oneFrameMp4 } from '@vigil/media/testing';
import sharp from 'sharp';

export interface Seed {
  readonly name: string;
  /** The kind a platform would declare for it. */
  readonly kind: MediaKind;
  readonly bytes: Buffer;
}

/** A 320×240 picture: gradient, a disc and a bar, so decoders and experts have edges to work on. */
function picture(): sharp.Sharp {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">' +
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#236"/><stop offset="1" stop-color="#fc4"/></linearGradient></defs>' +
    '<rect width="320" height="240" fill="url(#g)"/><circle cx="100" cy="120" r="60" fill="#c22"/>' +
    '<rect x="200" y="40" width="60" height="160" fill="#2a4" fill-opacity="0.7"/></svg>';
  return sharp(Buffer.from(svg));
}

/** Runs ffmpeg with `args` writing `dir/name` and returns its bytes. */
function ff(dir: string, name: string, args: string[]): Buffer {
  const out = join(dir, name);
  ffmpegSync([...args, out]);
  return readFileSync(out);
}

/** Still images, an animated GIF (and one of 300 frames), video with and without sound, audio. */
export async function makeCorpus(dir: string): Promise<Seed[]> {
  const video = ['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=25:d=2'];
  const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'];
  return [
    { name: 'jpeg', kind: 'image', bytes: await picture().jpeg({ quality: 85 }).toBuffer() },
    { name: 'png', kind: 'image', bytes: await picture().png().toBuffer() },
    { name: 'webp', kind: 'image', bytes: await picture().webp().toBuffer() },
    { name: 'gif', kind: 'gif', bytes: ff(dir, 'a.gif', ['-f', 'lavfi', '-i', 'testsrc=s=96x72:r=10:d=1']) },
    {
      name: 'gif-300-frames',
      kind: 'gif',
      bytes: ff(dir, 'many.gif', ['-f', 'lavfi', '-i', 'testsrc=s=32x24:r=100:d=3']),
    },
    {
      name: 'mp4',
      kind: 'video',
      bytes: ff(dir, 'a.mp4', [...video, ...tone, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac']),
    },
    { name: 'webm', kind: 'video', bytes: ff(dir, 'a.webm', [...video, '-c:v', 'libvpx', '-b:v', '200k']) },
    { name: 'mp4-one-frame', kind: 'video', bytes: oneFrameMp4() },
    { name: 'mp3', kind: 'audio', bytes: ff(dir, 'a.mp3', [...tone, '-c:a', 'libmp3lame']) },
    { name: 'wav', kind: 'audio', bytes: ff(dir, 'a.wav', tone) },
    { name: 'ogg', kind: 'audio', bytes: ff(dir, 'a.ogg', [...tone, '-c:a', 'libvorbis']) },
  ];
}
