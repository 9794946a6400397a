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
 * rebuilt only when one of the scripts that make it is newer than the set). Needs ffmpeg and espeak-ng;
 * about 5 s.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSamples } from './build-samples';
import { SAMPLE_POSTS } from './sample-posts';

export { buildSamples } from './build-samples';
export {
  SAMPLE_POSTS,
  samplePosts,
  type Publishable,
  type SampleMedia,
  type SamplePost,
} from './sample-posts';

const ROOT = resolve(__dirname, '..', '..');

/** The scripts that make the set: the set is stale when one of them is newer than it. */
const SOURCES = [__filename, join(__dirname, 'sample-posts.ts'), join(__dirname, 'build-samples.ts')];

/** Builds the set unless `out/posts.json` is newer than the scripts that make it. Returns `out`. */
export async function ensureSamples(out = join(ROOT, '.data', 'samples')): Promise<string> {
  const marker = join(out, 'posts.json');
  if (existsSync(marker) && SOURCES.every((f) => statSync(marker).mtimeMs > statSync(f).mtimeMs)) return out;
  await buildSamples(out);
  return out;
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? join(ROOT, '.data', 'samples'));
  void buildSamples(out).then(() => console.log(`samples: ${SAMPLE_POSTS.length} posts in ${out}`));
}
