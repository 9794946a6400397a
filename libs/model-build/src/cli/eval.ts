/**
 * `npm run eval [-- --split dev|test] [--json] [--ocr]`: evaluates the built bundle (.models/vigil-base,
 * or $VIGIL_BUNDLE_DIR) on the seed corpus' test split and prints the model card's table, then OCR
 * error rates on rendered memes per language (`--ocr`: those alone).
 */
import { resolve } from 'node:path';
import { SPLITS, type Split } from '../corpus/corpus';
import { evaluateBundle, formatReport } from '../eval/evaluate';
import { evaluateOcr, formatOcrReport } from '../eval/ocr-eval';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const bundleDir = resolve(process.env.VIGIL_BUNDLE_DIR ?? `${ROOT}/.models/vigil-base`);
const args = process.argv.slice(2);
const splitArg = args[args.indexOf('--split') + 1];
const split: Split =
  args.includes('--split') && SPLITS.includes(splitArg as Split) ? (splitArg as Split) : 'test';

const started = Date.now();
const session = { provider: 'cpu' } as const;
const classification = args.includes('--ocr')
  ? Promise.resolve()
  : evaluateBundle(bundleDir, split, { session }).then((report) => {
      console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
      console.log(`\neval: ${report.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
classification
  .then(() => evaluateOcr(bundleDir, session))
  .then((ocr) =>
    console.log(`\n${args.includes('--json') ? JSON.stringify(ocr, null, 2) : formatOcrReport(ocr)}`),
  )
  .catch((error: Error) => {
    console.error(`eval: failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
