/**
 * `npm run models:build`: builds the default model bundle into `.models/vigil-base/` (or `$VIGIL_BUNDLE_DIR`)
 * from weights shipped in installed packages.
 */
import { resolve } from 'node:path';
import { buildBundle } from '../bundle';
import { VIGIL_BASE_EXPERTS } from '../experts';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const outDir = resolve(process.env.VIGIL_BUNDLE_DIR ?? `${ROOT}/.models/vigil-base`);

buildBundle({ name: 'vigil-base', outDir, builders: VIGIL_BASE_EXPERTS })
  .then((manifest) => {
    console.log(
      `models: ${manifest.name}@${manifest.version} → ${outDir} (${manifest.experts.length} experts)`,
    );
    console.log(`models: not covered: ${manifest.not_covered.join(', ') || 'none'}`);
  })
  .catch((error: Error) => {
    console.error(`models: build failed: ${error.message}`);
    process.exit(1);
  });
