import type { CategoryId } from '@vigil/contracts';
import {
  TEXT_CLASSIFIER_FORMAT,
  textClassifierFeatures,
  textFeatureCount,
  type TextClassifierFile,
} from '@vigil/model';
import type { TextCase } from '../text-data/types';
import { fitPlatt, thresholdForPrecision } from './calibration';
import { modelLogits, quantize, sigmoid, trainLogistic, type TextLogisticModel } from './logistic';
import type { FeaturizedCase, TextTrainOptions } from './options';
import { capHardNegatives, type LabelledScores } from './thresholds';

export { DEFAULT_TEXT_TRAIN_OPTIONS, type FeaturizedCase, type TextTrainOptions } from './options';
export { capHardNegatives } from './thresholds';

/** Per-case weights: min(1, cap / cases of the same source × language in `cases`). */
export function sourceWeights(cases: readonly TextCase[], cap: number): number[] {
  const key = (c: TextCase) => `${c.source.replace(/:.*/, '')}|${c.lang}`;
  const n = new Map<string, number>();
  for (const c of cases) n.set(key(c), (n.get(key(c)) ?? 0) + 1);
  return cases.map((c) => Math.min(1, cap / n.get(key(c))!));
}

/** Features and labels `[categories]` (1, 0, NaN unknown) of cases; deterministic. */
export function featurize(
  cases: readonly TextCase[],
  categories: readonly CategoryId[],
  hashBuckets: number,
  sourceCap = Infinity,
  hardNegativeWeight = 1,
  embeddings?: ReadonlyMap<string, Float32Array>,
  minFeatureMass = 0,
): FeaturizedCase[] {
  const weights = sourceWeights(cases, sourceCap);
  return cases.map((c, i) => ({
    x: textClassifierFeatures(c.text, hashBuckets, embeddingOf(embeddings, c.text), minFeatureMass),
    y: Float32Array.from(categories, (k) => c.labels[k] ?? NaN),
    weight: weights[i]! * (c.hardNegative ? hardNegativeWeight : 1),
  }));
}

/** The embedding of `text` in `embeddings` (undefined when none are used). @throws Error when one is missing. */
export function embeddingOf(
  embeddings: ReadonlyMap<string, Float32Array> | undefined,
  text: string,
): Float32Array | undefined {
  if (!embeddings) return undefined;
  const e = embeddings.get(text);
  if (!e) throw new Error(`no sentence embedding for a training text (${text.slice(0, 40)}…)`);
  return e;
}

/** Categories with at least `minPositives` positive training cases, in taxonomy order. */
export function trainableCategories(
  cases: readonly TextCase[],
  order: readonly CategoryId[],
  minPositives = 30,
): CategoryId[] {
  return order.filter(
    (k) => cases.filter((c) => c.split === 'train' && c.labels[k] === 1).length >= minPositives,
  );
}

/**
 * Trains the text classifier on the `train` split, fits Platt scaling and thresholds on `dev` (with the
 * quantised weights, so the file's thresholds match what serving computes), and returns the weights file.
 */
export function trainTextClassifier(
  cases: readonly TextCase[],
  categories: readonly CategoryId[],
  o: TextTrainOptions,
  training: Record<string, unknown> = {},
): TextClassifierFile {
  const train = featurize(
    cases.filter((c) => c.split === 'train'),
    categories,
    o.hashBuckets,
    o.sourceCap,
    o.hardNegativeWeight,
    o.embeddings,
    o.minFeatureMass,
  );
  const devCases = cases.filter((c) => c.split === 'dev');
  const dev = featurize(devCases, categories, o.hashBuckets, o.sourceCap, 1, o.embeddings, o.minFeatureMass);
  const model = trainLogistic(train, categories, o);
  const { weights, scale } = quantize(model);
  const width = textFeatureCount(o.hashBuckets, model.embeddingDim);
  const q = new Int8Array(Buffer.from(weights, 'base64').buffer.slice(0));
  const quantized: TextLogisticModel = {
    ...model,
    w: Float32Array.from(q, (v, k) => v * scale[Math.floor(k / width)]!),
  };
  const devLogits = dev.map((d) => modelLogits(quantized, d.x));
  const platt = categories.map((_, c) => {
    const known = dev
      .map((d, i) => ({ z: devLogits[i]![c]!, y: d.y[c]!, w: d.weight }))
      .filter((r) => !Number.isNaN(r.y));
    return fitPlatt(
      known.map((r) => r.z),
      known.map((r) => r.y),
      known.map((r) => r.w),
    );
  });
  const labelled: LabelledScores[] = categories.map((_, c) => {
    const known = dev
      .map((d, i) => ({ z: devLogits[i]![c]!, y: d.y[c]!, w: d.weight, lang: devCases[i]!.lang }))
      .filter((r) => !Number.isNaN(r.y));
    return {
      p: known.map((r) => sigmoid(platt[c]!.a * r.z + platt[c]!.b)),
      y: known.map((r) => r.y),
      w: known.map((r) => r.w),
      lang: known.map((r) => r.lang),
    };
  });
  const forPrecision = labelled.map((k) => thresholdForPrecision(k.p, k.y, o.targetPrecision, k.w));
  // Calibrated dev scores of the hard negatives, `[case][category]` (NaN where the case is not labelled 0).
  const hardScores = devCases.flatMap((d, i) =>
    d.hardNegative
      ? [
          categories.map((k, c) =>
            d.labels[k] === 0 ? sigmoid(platt[c]!.a * devLogits[i]![c]! + platt[c]!.b) : NaN,
          ),
        ]
      : [],
  );
  const thresholds = capHardNegatives(forPrecision, labelled, hardScores, o.maxHardNegativeRate);
  return {
    format: TEXT_CLASSIFIER_FORMAT,
    hashBuckets: o.hashBuckets,
    ...(model.embeddingDim > 0 ? { embeddingDim: model.embeddingDim } : {}),
    ...(o.minFeatureMass > 0 ? { minFeatureMass: o.minFeatureMass } : {}),
    categories: [...categories],
    weights,
    scale,
    bias: [...model.b],
    platt,
    thresholds,
    targetPrecision: o.targetPrecision,
    training: {
      ...training,
      train_cases: train.length,
      dev_cases: dev.length,
      epochs: o.epochs,
      learning_rate: o.learningRate,
      l2: o.l2,
      implicit_negative_weight: o.implicitNegativeWeight,
      source_cap: o.sourceCap,
      hard_negative_weight: o.hardNegativeWeight,
      max_hard_negative_rate: o.maxHardNegativeRate,
      seed: o.seed,
    },
  };
}
