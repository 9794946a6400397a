/**
 * Writes the demo's sample set (see ./samples.ts): the photos, the memes, the GIF, the spoken MP4 and
 * voice note, the broken JPEG, and `posts.json`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { SAMPLE_POSTS } from './sample-posts';

const ROOT = resolve(__dirname, '..', '..');
const PHOTOS = join(ROOT, '.data', 'photos');

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A meme: top and bottom caption in white Impact-style bold with a black outline, onto a photo. */
async function meme(photo: string, top: string, bottom: string): Promise<Buffer> {
  const image = sharp(join(PHOTOS, photo));
  const { width = 600, height = 400 } = await image.metadata();
  // Bold capitals of DejaVu Sans are about 0.72 em wide: fit the longer line into 92 % of the width.
  const longest = Math.max(top.length, bottom.length);
  const size = Math.round(Math.min(width / 11, (width * 0.92) / (longest * 0.72)));
  const line = (text: string, y: number) =>
    `<text x="50%" y="${y}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="white" stroke="black" stroke-width="${Math.max(2, size / 12)}">${escapeXml(text)}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${line(top, size * 1.2)}${line(bottom, height - size * 0.5)}</svg>`;
  return image
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toBuffer();
}

/** A looping GIF of `photos`, each shown 600 ms, 240×160. */
async function slideshowGif(photos: string[]): Promise<Buffer> {
  const [w, h] = [240, 160];
  const frames = await Promise.all(
    photos.map((p) => sharp(join(PHOTOS, p)).resize(w, h, { fit: 'cover' }).removeAlpha().raw().toBuffer()),
  );
  return sharp(Buffer.concat(frames), {
    raw: { width: w, height: h * photos.length, channels: 3, pageHeight: h },
  })
    .gif({ delay: photos.map(() => 600), loop: 0 })
    .toBuffer();
}

/** Writes the set into `out` (replacing it). */
export async function buildSamples(out: string): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const work = join(tmpdir(), `vigil-samples-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    for (const photo of ['chelsea.png', 'astronaut.png', 'rocket.jpg', 'motorcycle_left.png']) {
      writeFileSync(join(out, photo), readFileSync(join(PHOTOS, photo)));
    }
    writeFileSync(
      join(out, 'meme-coffee.png'),
      await meme('coffee.png', 'ME BEFORE COFFEE', 'ME AFTER COFFEE'),
    );
    writeFileSync(
      join(out, 'meme-threat.png'),
      await meme('horse.png', 'I KNOW WHERE YOU LIVE', 'AND I WILL HURT YOU'),
    );
    writeFileSync(
      join(out, 'slideshow.gif'),
      await slideshowGif(['chelsea.png', 'coffee.png', 'rocket.jpg', 'astronaut.png']),
    );
    const rocket = readFileSync(join(PHOTOS, 'rocket.jpg'));
    writeFileSync(join(out, 'broken.jpg'), rocket.subarray(0, Math.floor(rocket.length / 2)));

    // Speech: espeak-ng writes WAV; ffmpeg makes an Ogg Opus voice note and the MP4's AAC track.
    const speech = join(work, 'speech.wav');
    run('espeak-ng', [
      '-v',
      'en',
      '-s',
      '150',
      '-w',
      speech,
      'Welcome back everyone. Here is the recap of our trip to the coast. The weather was perfect and the food was great.',
    ]);
    const note = join(work, 'note.wav');
    run('espeak-ng', [
      '-v',
      'en',
      '-s',
      '150',
      '-w',
      note,
      'Hi team, the meeting moved to three o clock. Please bring the slides.',
    ]);
    run('ffmpeg', [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-i',
      note,
      '-c:a',
      'libopus',
      '-b:a',
      '32k',
      join(out, 'voice-note.ogg'),
    ]);
    // Video: three photos, 3 s each, 640×360 H.264 + the speech, cut to the shorter of the two.
    const inputs = ['coffee.png', 'rocket.jpg', 'chelsea.png'].flatMap((p) => [
      '-loop',
      '1',
      '-t',
      '3',
      '-i',
      join(PHOTOS, p),
    ]);
    const scale = (i: number) =>
      `[${i}:v]scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25[v${i}]`;
    run('ffmpeg', [
      '-v',
      'error',
      '-nostdin',
      '-y',
      ...inputs,
      '-i',
      speech,
      '-filter_complex',
      `${scale(0)};${scale(1)};${scale(2)};[v0][v1][v2]concat=n=3:v=1:a=0,format=yuv420p[v]`,
      '-map',
      '[v]',
      '-map',
      '3:a',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '28',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-shortest',
      '-movflags',
      '+faststart',
      join(out, 'recap.mp4'),
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(join(out, 'posts.json'), `${JSON.stringify(SAMPLE_POSTS, null, 2)}\n`);
}
