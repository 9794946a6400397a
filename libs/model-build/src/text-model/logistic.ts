import type { CategoryId } from '@vigil/contracts';
import { textFeatureCount, type SparseFeatures } from '@vigil/model';
import { mulberry32 } from '../fusion/random';
import type { FeaturizedCase, TextTrainOptions } from './options';

/** Logistic sigmoid, 1 / (1 + e^-z). */
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Float weights of the trained logistic model before quantisation. */
export interface TextLogisticModel {
  readonly categories: readonly CategoryId[];
  readonly hashBuckets: number;
  readonly embeddingDim: number;
  /** `[categories × width]` row-major. */
  readonly w: Float32Array;
  readonly b: Float32Array;
}

/** Logits `[categories]` of one featurized case under float weights. */
export function modelLogits(m: TextLogisticModel, x: SparseFeatures): Float32Array {
  const width = textFeatureCount(m.hashBuckets, m.embeddingDim);
  return Float32Array.from(m.categories, (_, c) => {
    let z = m.b[c]!;
    for (let j = 0; j < x.index.length; j++) z += m.w[c * width + x.index[j]!]! * x.value[j]!;
    return z;
  });
}

/**
 * One-vs-rest logistic regression by AdaGrad over shuffled cases, class-balanced per category (each
 * category's positives and negatives carry equal total weight), unknown labels weighted by
 * `implicitNegativeWeight` as negatives.
 */
export function trainLogistic(
  train: readonly FeaturizedCase[],
  categories: readonly CategoryId[],
  o: TextTrainOptions,
): TextLogisticModel {
  const C = categories.length;
  const embeddingDim = embeddingWidth(o);
  const width = textFeatureCount(o.hashBuckets, embeddingDim);
  const w = new Float32Array(C * width);
  const g2 = new Float32Array(C * width).fill(1e-2);
  const b = new Float32Array(C);
  const gb = new Float32Array(C).fill(1e-2);
  const pos = new Float64Array(C);
  const neg = new Float64Array(C);
  for (const { y, weight } of train)
    for (let c = 0; c < C; c++) {
      if (y[c] === 1) pos[c]! += weight;
      else if (y[c] === 0) neg[c]! += weight;
      else neg[c]! += weight * o.implicitNegativeWeight;
    }
  const wPos = Float64Array.from(pos, (p, c) => (p > 0 ? (p + neg[c]!) / (2 * p) : 0));
  const wNeg = Float64Array.from(neg, (n, c) => (n > 0 ? (pos[c]! + n) / (2 * n) : 0));
  const rand = mulberry32(o.seed);
  const order = train.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const n of order) {
      const { x, y, weight: caseWeight } = train[n]!;
      for (let c = 0; c < C; c++) {
        const label = y[c]!;
        const known = !Number.isNaN(label);
        const weight =
          caseWeight * (label === 1 ? wPos[c]! : wNeg[c]! * (known ? 1 : o.implicitNegativeWeight));
        if (weight === 0) continue;
        const target = known ? label : 0;
        const row = c * width;
        let z = b[c]!;
        for (let j = 0; j < x.index.length; j++) z += w[row + x.index[j]!]! * x.value[j]!;
        const p = sigmoid(z);
        loss += weight * -(target * Math.log(p + 1e-9) + (1 - target) * Math.log(1 - p + 1e-9));
        const g = weight * (p - target);
        for (let j = 0; j < x.index.length; j++) {
          const k = row + x.index[j]!;
          const grad = g * x.value[j]! + o.l2 * w[k]!;
          g2[k]! += grad * grad;
          w[k]! -= (o.learningRate * grad) / Math.sqrt(g2[k]!);
        }
        gb[c]! += g * g;
        b[c]! -= (o.learningRate * g) / Math.sqrt(gb[c]!);
      }
    }
    o.log?.(`text: epoch ${epoch + 1}/${o.epochs} weighted loss ${(loss / order.length).toFixed(4)}`);
  }
  return { categories, hashBuckets: o.hashBuckets, embeddingDim, w, b };
}

/** Width of the embeddings in the options (0: none). */
function embeddingWidth(o: TextTrainOptions): number {
  const first = o.embeddings?.values().next().value;
  return first ? first.length : 0;
}

/** int8 quantisation per category row (symmetric, scale = max |w| / 127). */
export function quantize(m: TextLogisticModel): { weights: string; scale: number[] } {
  const width = textFeatureCount(m.hashBuckets, m.embeddingDim);
  const q = new Int8Array(m.w.length);
  const scale = m.categories.map((_, c) => {
    let max = 0;
    for (let j = 0; j < width; j++) max = Math.max(max, Math.abs(m.w[c * width + j]!));
    const s = max > 0 ? max / 127 : 1;
    for (let j = 0; j < width; j++) q[c * width + j] = Math.round(m.w[c * width + j]! / s);
    return s;
  });
  return { weights: Buffer.from(q.buffer).toString('base64'), scale };
}
