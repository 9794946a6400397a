/**
 * `npm run models:train-text -- --data <dir> [--eval [dev]] [--no-embed] [--out <file>]
 * [--hard-negative-weight <w>] [--max-hard-negative-rate <r>] [--l2 <penalty>] [--min-feature-mass <m>] [--hash-buckets <2^k>]` (or `VIGIL_TEXT_DATA=<dir>`): trains the text classifier on
 * the text corpus (public data sets in `<dir>` plus Vigil's generated cases), writes
 * `libs/model-build/data/text-classifier/weights.json` and prints the held-out text figures.
 * Run `npm run models:build` afterwards to put the weights into the bundle. The features include the
 * sentence embedding of each text from the built bundle's `text` encoder (`--no-embed`: without it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CATEGORY_IDS } from '@vigil/contracts';
import { TEXT_CLASSIFIER_WEIGHTS_PATH } from '../experts/text-classifier';
import { embedTexts } from '../text-model/embeddings';
import { evaluateTextClassifier, formatTextReport } from '../text-model/evaluate-text';
import { loadTextCorpus } from '../text-data';
import {
  DEFAULT_TEXT_TRAIN_OPTIONS,
  trainTextClassifier,
  trainableCategories,
} from '../text-model/train-text';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const args = process.argv.slice(2);
const dataDir = args.includes('--data') ? args[args.indexOf('--data') + 1] : process.env.VIGIL_TEXT_DATA;
if (!dataDir) {
  console.error('models:train-text: pass --data <dir> or set VIGIL_TEXT_DATA (the public text data sets)');
  process.exit(2);
}
async function main(dir: string): Promise<void> {
  const started = Date.now();
  const cases = await loadTextCorpus({ dataDir: dir });
  const categories = trainableCategories(cases, CATEGORY_IDS);
  const log = (m: string) => console.log(m);
  log(`text: ${cases.length} cases, categories ${categories.join(', ')}`);
  // Sentence embeddings (the bundle's `text` encoder; `npm run models:build` first), unless --no-embed.
  const embeddings = args.includes('--no-embed')
    ? undefined
    : await embedTexts(
        cases.map((c) => c.text),
        resolve(ROOT, '.models/vigil-base'),
        resolve(ROOT, '.data/text-embeddings'),
        log,
      );
  // Ablations: `--hard-negative-weight <w>`, `--max-hard-negative-rate <r>` (1 = no cap), `--l2 <penalty>`, `--min-feature-mass <m>`,
  // `--hash-buckets <n>` (a power of two).
  const numberArg = (name: string, fallback: number) =>
    args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
  const options = {
    ...DEFAULT_TEXT_TRAIN_OPTIONS,
    hardNegativeWeight: numberArg('--hard-negative-weight', DEFAULT_TEXT_TRAIN_OPTIONS.hardNegativeWeight),
    maxHardNegativeRate: numberArg(
      '--max-hard-negative-rate',
      DEFAULT_TEXT_TRAIN_OPTIONS.maxHardNegativeRate,
    ),
    l2: numberArg('--l2', DEFAULT_TEXT_TRAIN_OPTIONS.l2),
    hashBuckets: numberArg('--hash-buckets', DEFAULT_TEXT_TRAIN_OPTIONS.hashBuckets),
    minFeatureMass: numberArg('--min-feature-mass', DEFAULT_TEXT_TRAIN_OPTIONS.minFeatureMass),
    embeddings,
    log,
  };
  const file = trainTextClassifier(cases, categories, options, {
    sources: [...new Set(cases.map((c) => c.source.replace(/:.*/, '')))].sort(),
    languages: [...new Set(cases.map((c) => c.lang))].sort(),
  });
  const out = args.includes('--out')
    ? resolve(args[args.indexOf('--out') + 1]!)
    : TEXT_CLASSIFIER_WEIGHTS_PATH;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  log(`text: wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // `--eval`: the test split's figures; `--eval dev`: the dev split's, for choosing options without the test split.
  const evalSplit = args[args.indexOf('--eval') + 1] === 'dev' ? 'dev' : 'test';
  if (args.includes('--eval'))
    console.log(formatTextReport(evaluateTextClassifier(file, cases, undefined, embeddings, evalSplit)));
}

main(dataDir).catch((error: Error) => {
  console.error(`models:train-text: failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
