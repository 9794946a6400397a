import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExpertEntry } from '@vigil/contracts';
import { LEXICON_FEATURES, type TextClassifierFile } from '@vigil/model';
import type { BuildContext, ExpertBuilder } from '../bundle';

/** The committed text classifier weights, written by `npm run models:train-text`. */
export const TEXT_CLASSIFIER_WEIGHTS_PATH = resolve(
  __dirname,
  '..',
  '..',
  'data',
  'text-classifier',
  'weights.json',
);

/** Reads the committed weights file. @throws Error naming `npm run models:train-text` when it is missing. */
export function readTextClassifierWeights(path = TEXT_CLASSIFIER_WEIGHTS_PATH): TextClassifierFile {
  if (!existsSync(path)) throw new Error(`${path} is missing; run \`npm run models:train-text\``);
  return JSON.parse(readFileSync(path, 'utf8')) as TextClassifierFile;
}

/**
 * Text classifier expert: hashed character n-gram and lexicon features → one-vs-rest logistic regression
 * → Platt scaling, per category (`TextClassifier` in @vigil/model runs it; no ONNX graph). The weights
 * file is copied from the repository (trained by `npm run models:train-text` on public data sets and
 * Vigil's generated cases; see docs/model-card.md).
 */
export const textClassifierExpert: ExpertBuilder = {
  name: 'text-classifier',
  build: (ctx) => Promise.resolve(buildTextClassifier(ctx)),
};

function buildTextClassifier(ctx: BuildContext): ExpertEntry {
  const file = readTextClassifierWeights();
  mkdirSync(join(ctx.outDir, 'text-classifier'), { recursive: true });
  copyFileSync(TEXT_CLASSIFIER_WEIGHTS_PATH, join(ctx.outDir, 'text-classifier/weights.json'));
  const C = file.categories.length;
  return {
    name: 'text-classifier',
    modality: 'caption',
    runner: 'text-classifier',
    files: { weights: 'text-classifier/weights.json' },
    inputs: [
      {
        name: 'features',
        shape: [file.hashBuckets + LEXICON_FEATURES.length],
        dtype: 'float32',
        description: 'sparse: hashed word and character 2..5-gram counts (log1p, L2-normalised) ‖ lexicon',
      },
    ],
    outputs: [
      {
        name: 'scores',
        shape: ['texts', C],
        dtype: 'float32',
        labels: [...file.categories],
        description: 'calibrated per category: sigmoid(a × logit + b), Platt scaling on the dev split',
      },
    ],
    informs: [...file.categories],
    params: {
      categories: file.categories,
      thresholds: file.thresholds,
      target_precision: file.targetPrecision,
      hash_buckets: file.hashBuckets,
      training: file.training,
    },
    provenance: [
      {
        source: '@vigil/model-build data/text-classifier/weights.json',
        version: file.format,
        license: 'Apache-2.0',
        conversion: 'trained by npm run models:train-text (data sets and their licences: docs/model-card.md)',
        sha256: ctx.sha256('text-classifier/weights.json'),
      },
    ],
  };
}
