/**
 * `npm run models:train-text -- --data <dir>` (or `VIGIL_TEXT_DATA=<dir>`): trains the text classifier on
 * the text corpus (public data sets in `<dir>` plus Vigil's generated cases), writes
 * `libs/model-build/data/text-classifier/weights.json` and prints the held-out text figures.
 * Run `npm run models:build` afterwards to put the weights into the bundle.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CATEGORY_IDS } from '@vigil/contracts';
import { TEXT_CLASSIFIER_WEIGHTS_PATH } from '../experts/text-classifier';
import { evaluateTextClassifier, formatTextReport } from '../text-model/evaluate-text';
import { loadTextCorpus } from '../text-data';
import {
  DEFAULT_TEXT_TRAIN_OPTIONS,
  trainTextClassifier,
  trainableCategories,
} from '../text-model/train-text';

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
  const file = trainTextClassifier(
    cases,
    categories,
    { ...DEFAULT_TEXT_TRAIN_OPTIONS, log },
    {
      sources: [...new Set(cases.map((c) => c.source.replace(/:.*/, '')))].sort(),
      languages: [...new Set(cases.map((c) => c.lang))].sort(),
    },
  );
  mkdirSync(dirname(TEXT_CLASSIFIER_WEIGHTS_PATH), { recursive: true });
  writeFileSync(TEXT_CLASSIFIER_WEIGHTS_PATH, `${JSON.stringify(file)}\n`);
  log(`text: wrote ${TEXT_CLASSIFIER_WEIGHTS_PATH} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.argv.includes('--eval')) console.log(formatTextReport(evaluateTextClassifier(file, cases)));
}

main(dataDir).catch((error: Error) => {
  console.error(`models:train-text: failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
