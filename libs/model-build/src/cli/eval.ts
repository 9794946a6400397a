/**
 * `npm run eval [-- --split dev|test] [--json] [--routed]`: evaluates the built bundle (.models/vigil-base,
 * or $VIGIL_BUNDLE_DIR) on the seed corpus' test split and prints the model card's tables (per category,
 * per case type and language, alt-text rates). `--routed` runs only the routed path (no cost comparison).
 */
import { resolve } from 'node:path';
import { SPLITS, type Split } from '../corpus/corpus';
import { evaluateBundle, formatReport } from '../eval/evaluate';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const bundleDir = resolve(process.env.VIGIL_BUNDLE_DIR ?? `${ROOT}/.models/vigil-base`);
const args = process.argv.slice(2);
const splitArg = args[args.indexOf('--split') + 1];
const split: Split =
  args.includes('--split') && SPLITS.includes(splitArg as Split) ? (splitArg as Split) : 'test';

const started = Date.now();
evaluateBundle(bundleDir, split, { session: { provider: 'cpu' } }, undefined, args.includes('--routed'))
  .then((report) => {
    console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
    console.log(`\neval: ${report.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  })
  .catch((error: Error) => {
    console.error(`eval: failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
