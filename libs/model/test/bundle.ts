import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The default bundle built by `npm run models:build` (infra/stack/test.sh builds it before the tests). */
export const BUNDLE_DIR = resolve(
  __dirname,
  '..',
  '..',
  '..',
  process.env.VIGIL_BUNDLE_DIR ?? '.models/vigil-base',
);

if (!existsSync(resolve(BUNDLE_DIR, 'manifest.json')))
  throw new Error(`no model bundle at ${BUNDLE_DIR}: run \`npm run models:build\` first`);
