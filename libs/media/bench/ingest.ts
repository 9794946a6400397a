/**
 * `npm run bench:ingest`: decode throughput of the ingest media path on this machine, each figure beside
 * a raw baseline doing the same resizes on the same files in the same run (the ratio is the figure).
 *
 * - images/s: sniff + decodeImage (EXIF orientation, sRGB, alpha flatten, one intermediate decode, one
 *   RGB variant per spec) over the real photos in .data/photos, vs raw sharp resizing each file straight
 *   to each spec (`sharp(file).resize(spec).raw()`), both `concurrency` at a time.
 * - animation frames/s: the GIF/WebP path (every page) vs raw sharp decoding the same pages to the same specs.
 * - video frames/s: decodeAv (ffprobe + one ffmpeg for every sampled frame + sharp variants) on a
 *   generated 10 s 1280×720 H.264 clip, vs raw ffmpeg seeking to the same times and scaling straight to
 *   the first spec.
 * - peak RSS of the whole run.
 *
 * Sizes come from the model bundle manifest when one is built (VIGIL_BUNDLE_DIR, default
 * .models/vigil-base) and has image experts, else fill:224x224 + inside:960x960.
 * Writes bench-results/ingest.json too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { imageVariantSpecs, readBundleManifest, resizeKey, type ResizeSpec } from '@vigil/contracts';
import ffmpeg from 'fluent-ffmpeg';
import sharp from 'sharp';
// Module by module: the package index also pulls the egress guard (@vigil/platform, NestJS decorators).
import { decodeAv, sampleTimesMs } from '../src/av';
import { DecodePool } from '../src/decode-pool';
import { decodeImage } from '../src/image';
import { DEFAULT_MEDIA_LIMITS } from '../src/limits';
import { sniffType } from '../src/sniff';
import { ffmpegSync, makeMediaFixtures } from '../src/testing/fixtures';

const ROOT = resolve(__dirname, '..', '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? availableParallelism());

function variantSpecs(): { specs: ResizeSpec[]; source: string } {
  const dir = resolve(ROOT, process.env.VIGIL_BUNDLE_DIR ?? '.models/vigil-base');
  try {
    const specs = imageVariantSpecs(readBundleManifest(dir));
    if (specs.length > 0) return { specs, source: `manifest ${dir}` };
  } catch {
    /* no bundle built yet: use the reference sizes */
  }
  return {
    specs: [
      { fit: 'fill', width: 224, height: 224 },
      { fit: 'inside', width: 960, height: 960 },
    ],
    source: 'reference sizes: no bundle manifest with image experts',
  };
}

/** Runs `work` on every item, `concurrency` at a time, `ROUNDS` times; returns items per second. */
async function throughput<T>(items: readonly T[], work: (item: T) => Promise<number>): Promise<number> {
  const pool = new DecodePool(CONCURRENCY, Number.MAX_SAFE_INTEGER);
  let units = 0;
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const counts = await Promise.all(items.map((item) => pool.run(() => work(item))));
    units += counts.reduce((a, b) => a + b, 0);
  }
  return units / ((performance.now() - started) / 1000);
}

function rawResize(input: Buffer, spec: ResizeSpec, page?: number) {
  return sharp(input, page === undefined ? {} : { page, pages: 1 })
    .resize({
      width: spec.width,
      height: spec.height,
      fit: spec.fit,
      withoutEnlargement: spec.fit === 'inside',
    })
    .raw()
    .toBuffer();
}

function runFfmpeg(command: ffmpeg.FfmpegCommand): Promise<void> {
  return new Promise((ok, fail) =>
    command
      .on('end', () => ok())
      .on('error', fail)
      .run(),
  );
}

async function main(): Promise<void> {
  const { specs, source } = variantSpecs();
  const photosDir = join(ROOT, '.data', 'photos');
  execFileSync('bash', [join(ROOT, 'infra', 'data', 'photos.sh')], { stdio: 'inherit' });
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
  try {
    const photos = readdirSync(photosDir)
      .filter((f) => /\.(png|jpe?g)$/i.test(f))
      .map((f) => readFileSync(join(photosDir, f)));
    const fixtures = await makeMediaFixtures(work, photosDir);
    // A 320×240, 20-frame GIF from ffmpeg's testsrc2, the same as animated WebP, and the small fixtures.
    const gifFile = join(work, 'bench.gif');
    ffmpegSync(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=10:d=2', gifFile]);
    const gif = readFileSync(gifFile);
    const webp = await sharp(gif, { animated: true }).webp().toBuffer();
    const animations = [gif, webp, fixtures['animated.gif']!, fixtures['animated.webp']!];
    // Every page decoded on both sides (ingest normally samples INGEST_ANIMATION_FRAMES of them).
    const limits = { ...DEFAULT_MEDIA_LIMITS, maxAnimationFrames: 1000 };

    // Warm up libvips and the page cache once, outside the timings.
    await Promise.all(photos.map((p) => decodeImage(p, specs, limits)));

    const results: Record<string, { ingest: number; raw: number; unit: string }> = {};
    // Alternate the two sides and keep each side's best of two, so neither profits from running second.
    const versus = async (name: string, unit: string, a: () => Promise<number>, b: () => Promise<number>) => {
      const ingest = Math.max(await a(), 0);
      const raw = Math.max(await b(), 0);
      results[name] = { ingest: Math.max(ingest, await a()), raw: Math.max(raw, await b()), unit };
    };

    await versus(
      'still images',
      'images/s',
      () =>
        throughput(photos, async (p) => {
          await sniffType(p);
          await decodeImage(p, specs, limits);
          return 1;
        }),
      () =>
        throughput(photos, async (p) => {
          for (const spec of specs) await rawResize(p, spec);
          return 1;
        }),
    );

    await versus(
      'animation frames',
      'frames/s',
      () => throughput(animations, async (a) => (await decodeImage(a, specs, limits)).frames.length),
      () =>
        throughput(animations, async (a) => {
          const pages = (await sharp(a, { animated: true }).metadata()).pages ?? 1;
          for (let page = 0; page < pages; page++) for (const spec of specs) await rawResize(a, spec, page);
          return pages;
        }),
    );

    const clip = join(work, 'bench-720p.mp4');
    ffmpegSync([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=1280x720:r=30:d=10',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=10',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-g',
      '60',
      '-c:a',
      'aac',
      '-shortest',
      clip,
    ]);
    const times = sampleTimesMs(10_000, DEFAULT_MEDIA_LIMITS.maxVideoFrames);
    const first = specs[0]!;
    await versus(
      'video frames',
      'frames/s',
      () =>
        throughput([clip], async (file) => {
          const dir = mkdtempSync(join(work, 'av-'));
          try {
            return (
              await decodeAv(file, dir, specs, DEFAULT_MEDIA_LIMITS, {
                wantFrames: true,
                demuxer: 'mov',
              })
            ).frames.length;
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
      () =>
        throughput([clip], async (file) => {
          const dir = mkdtempSync(join(work, 'raw-'));
          try {
            const command = ffmpeg().addOption('-nostdin');
            times.forEach((t) => command.input(file).inputOptions(['-ss', (t / 1000).toFixed(3)]));
            times.forEach((_, i) =>
              command
                .output(join(dir, `f${i}.rgb`))
                .outputOptions([
                  '-map',
                  `${i}:v:0`,
                  '-frames:v',
                  '1',
                  '-s',
                  `${first.width}x${first.height}`,
                  '-pix_fmt',
                  'rgb24',
                  '-f',
                  'rawvideo',
                ]),
            );
            await runFfmpeg(command);
            return times.length;
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
    );

    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, sharp ${sharp.versions.sharp}`;
    console.log(`bench:ingest — ${machine}`);
    console.log(`variants: ${specs.map(resizeKey).join(', ')} (${source})`);
    console.log(
      `${photos.length} photos, ${animations.length} animations, 1 clip; ${ROUNDS} rounds, concurrency ${CONCURRENCY}`,
    );
    console.table(
      Object.fromEntries(
        Object.entries(results).map(([name, r]) => [
          name,
          {
            unit: r.unit,
            ingest: Number(r.ingest.toFixed(1)),
            'raw baseline': Number(r.raw.toFixed(1)),
            'ingest / raw': Number((r.ingest / r.raw).toFixed(2)),
          },
        ]),
      ),
    );
    console.log(`peak RSS: ${peakRssMiB.toFixed(0)} MiB`);
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench-results', 'ingest.json'),
      `${JSON.stringify({ machine, specs: specs.map(resizeKey), rounds: ROUNDS, concurrency: CONCURRENCY, results, peakRssMiB }, null, 2)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
