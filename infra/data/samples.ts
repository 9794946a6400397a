/**
 * Builds the demo's sample set: `.data/samples/` (gitignored) holds the media files and `posts.json`,
 * the posts a platform would publish, with media named by file (served by the platform stand-in) or by
 * URL. Made from the real photographs in `.data/photos` (Debian python3-skimage, infra/data/photos.sh):
 * the photos themselves, meme-style images (caption text rendered onto a photo with sharp's SVG
 * renderer), an animated GIF of four photos, a short MP4 slideshow with a spoken track (espeak-ng +
 * ffmpeg), a spoken audio clip, one broken file (a JPEG cut in half), and a blocked URL (the cloud
 * metadata address, which ingest's SSRF guard refuses). Captions in English, French, Spanish, German
 * and Japanese; a few harmful ones and a few benign ones that look harmful.
 *
 * Usage: `node --conditions=@vigil/source --import tsx infra/data/samples.ts [outDir]` (idempotent:
 * rebuilt only when this script is newer than the set). Needs ffmpeg and espeak-ng; about 5 s.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PostV1Input } from '@vigil/contracts';
import sharp from 'sharp';

const ROOT = resolve(__dirname, '..', '..');
const PHOTOS = join(ROOT, '.data', 'photos');

/** One medium of a sample post: a file of the set (served by the platform) or a URL as it is. */
export interface SampleMedia {
  readonly media_id: string;
  readonly kind: 'image' | 'gif' | 'video' | 'audio';
  readonly file?: string;
  readonly url?: string;
}

/** One sample post; `why` says what it shows. `raw` (instead of the fields) is a malformed post body. */
export interface SamplePost {
  readonly id: string;
  readonly why: string;
  readonly text?: string;
  readonly lang?: string;
  readonly media?: readonly SampleMedia[];
  readonly raw?: string;
}

/** The sample posts (file names refer to the media this script writes). */
export const SAMPLE_POSTS: readonly SamplePost[] = [
  { id: 'caption-benign', why: 'plain caption', text: 'Sunset over the harbour tonight, what a view' },
  {
    id: 'photo-cat',
    why: 'photo + caption',
    text: 'My cat Chelsea judging me again',
    media: [{ media_id: 'cat', kind: 'image', file: 'chelsea.png' }],
  },
  {
    id: 'photos-launch',
    why: 'two photos',
    text: 'Launch day! Suited up and ready',
    media: [
      { media_id: 'astronaut', kind: 'image', file: 'astronaut.png' },
      { media_id: 'rocket', kind: 'image', file: 'rocket.jpg' },
    ],
  },
  {
    id: 'meme-benign',
    why: 'meme: text rendered on a photo',
    text: 'monday mood',
    media: [{ media_id: 'meme', kind: 'image', file: 'meme-coffee.png' }],
  },
  {
    id: 'meme-threat',
    why: 'harmful text inside the image only',
    text: 'lol',
    media: [{ media_id: 'meme', kind: 'image', file: 'meme-threat.png' }],
  },
  {
    id: 'gif-slideshow',
    why: 'animated GIF of four photos',
    text: 'Weekend in four pictures',
    media: [{ media_id: 'loop', kind: 'gif', file: 'slideshow.gif' }],
  },
  {
    id: 'video-spoken',
    why: 'MP4 slideshow with a spoken track',
    text: 'Trip recap, sound on',
    media: [{ media_id: 'clip', kind: 'video', file: 'recap.mp4' }],
  },
  {
    id: 'audio-note',
    why: 'voice note (speech)',
    text: 'voice note for the team',
    media: [{ media_id: 'note', kind: 'audio', file: 'voice-note.ogg' }],
  },
  {
    id: 'fr-benign',
    why: 'French',
    text: 'Bonjour tout le monde ! Le marché de Noël ouvre demain.',
    lang: 'fr',
  },
  { id: 'es-benign', why: 'Spanish', text: '¡Qué partido tan bueno anoche! Vamos equipo.', lang: 'es' },
  { id: 'de-benign', why: 'German', text: 'Heute backen wir Brot mit den Kindern.', lang: 'de' },
  {
    id: 'ja-benign',
    why: 'Japanese (outside the corpus)',
    text: '今日はいい天気ですね。公園を散歩しました。',
  },
  {
    id: 'harassment',
    why: 'harmful: harassment',
    text: 'Nobody wants you here, you worthless loser. Log off and never come back.',
  },
  {
    id: 'threat',
    why: 'harmful: threat',
    text: 'I know where you live and I am going to hurt you and your family',
  },
  {
    id: 'drugs',
    why: 'harmful: selling drugs',
    text: 'selling coke and molly, cheap prices, dm me for the plug, fast delivery',
  },
  {
    id: 'self-harm',
    why: 'harmful: self-harm intent',
    text: 'I want to end my life tonight, nobody would even notice',
  },
  {
    id: 'hate-fr',
    why: 'harmful, French',
    text: 'Ces gens-là sont des parasites, il faut les chasser de notre pays',
    lang: 'fr',
  },
  {
    id: 'tricky-gym',
    why: 'benign but tricky',
    text: 'Absolutely killed it at the gym today, legs are dead',
  },
  {
    id: 'tricky-bomb',
    why: 'benign but tricky',
    text: 'This chili recipe is the bomb, my friends went crazy for it',
  },
  {
    id: 'tricky-shoot',
    why: 'benign but tricky',
    text: 'Photo shoot went great, we shot the whole sunset series',
    media: [{ media_id: 'moto', kind: 'image', file: 'motorcycle_left.png' }],
  },
  {
    id: 'broken-file',
    why: 'error: the image is cut in half',
    media: [{ media_id: 'broken', kind: 'image', file: 'broken.jpg' }],
  },
  {
    id: 'blocked-url',
    why: 'error: URL blocked by the SSRF guard',
    media: [{ media_id: 'metadata', kind: 'image', url: 'http://169.254.169.254/latest/meta-data/' }],
  },
  { id: 'malformed', why: 'error: not a valid post (DLQ)', raw: '{"tenant_id": "demo", "post_id": ' },
];

/** A post to publish: a PostV1 or, for `raw` samples, the malformed body under its key. */
export type Publishable = PostV1Input | { readonly key: string; readonly raw: string };

/**
 * The PostV1 a platform would publish for each sample: post id `<id>-<suffix>`, media files as URLs of
 * the platform's media server (`mediaUrl(file)`), callback to `endpointId` with the sample id as
 * correlation id. Raw samples become `{key, raw}`.
 */
export function samplePosts(
  samples: readonly SamplePost[],
  options: { tenant: string; suffix: string; mediaUrl: (file: string) => string; endpointId?: string },
): Publishable[] {
  return samples.map((sample): Publishable => {
    const postId = `${sample.id}-${options.suffix}`;
    if (sample.raw !== undefined) return { key: `${options.tenant}:${postId}`, raw: sample.raw };
    return {
      schema_version: 1,
      tenant_id: options.tenant,
      post_id: postId,
      revision: 0,
      created_at: new Date().toISOString(),
      author: `user-${sample.id.length}`,
      text: sample.text ?? '',
      ...(sample.lang ? { lang: sample.lang } : {}),
      media: (sample.media ?? []).map((m) => ({
        media_id: m.media_id,
        kind: m.kind,
        source: { url: m.url ?? options.mediaUrl(m.file!) },
      })),
      ...(options.endpointId
        ? { callback: { endpoint_id: options.endpointId, correlation_id: sample.id } }
        : {}),
    };
  });
}

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

/** Builds the set unless `out/posts.json` is newer than this script. Returns `out`. */
export async function ensureSamples(out = join(ROOT, '.data', 'samples')): Promise<string> {
  const marker = join(out, 'posts.json');
  if (existsSync(marker) && statSync(marker).mtimeMs > statSync(__filename).mtimeMs) return out;
  await buildSamples(out);
  return out;
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? join(ROOT, '.data', 'samples'));
  void buildSamples(out).then(() => console.log(`samples: ${SAMPLE_POSTS.length} posts in ${out}`));
}
