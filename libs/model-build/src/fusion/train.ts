import type { FusionSpec, FusionWeights, WeightName } from '@vigil/model';
import { initialWeights, mulberry32 } from './random';
import { evaluateLoss, lossAndGradients, type Gradients } from './loss';
import { packExamples, stack, type TrainExample } from './train-example';

export { packExamples, type TrainExample, type TrainToken } from './train-example';
export { evaluateLoss, lossAndGradients, type Gradients, type LossParts } from './loss';

export interface TrainOptions {
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Adam (Kingma & Ba 2015) step size and moments. */
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  /** L2 penalty on weight matrices (not biases, embeddings or temperatures). */
  readonly weightDecay: number;
  /** Weight of the auxiliary load-balancing loss (Switch Transformer, Fedus et al. 2021: α·E·Σ f_e·P_e). */
  readonly auxLossWeight: number;
  /** Positive examples' weight in the binary cross-entropy, per category (capped). */
  readonly maxPositiveWeight: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 20261129,
  epochs: 60,
  batchSize: 16,
  learningRate: 2e-3,
  beta1: 0.9,
  beta2: 0.999,
  weightDecay: 1e-4,
  auxLossWeight: 0.01,
  maxPositiveWeight: 4,
};

const DECAYED: ReadonlySet<WeightName> = new Set(['wp', 'wr', 'fc1', 'fc2', 'ws1', 'ws2', 'wo']);
const FROZEN: ReadonlySet<WeightName> = new Set(['temperature']);

export interface TrainReport {
  readonly weights: FusionWeights;
  readonly bestEpoch: number;
  readonly history: readonly { epoch: number; trainLoss: number; aux: number; devLoss: number }[];
}

/**
 * Trains the fusion model with minibatch Adam, seeded shuffling and seeded initialisation, keeping the
 * weights of the epoch with the lowest dev loss. Deterministic: same examples, spec and options give
 * bit-identical weights.
 */
export function trainFusion(
  spec: FusionSpec,
  train: readonly TrainExample[],
  dev: readonly TrainExample[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  log: (line: string) => void = () => {},
): TrainReport {
  const C = spec.categories.length;
  const w = initialWeights(spec, options.seed);
  const rand = mulberry32(options.seed ^ 0x5eed);
  const positiveWeight = new Float32Array(C);
  for (let c = 0; c < C; c++) {
    let pos = 0;
    let neg = 0;
    for (const e of train) {
      if (e.mask[c] === 0) continue;
      if (e.targets[c]! > 0.5) pos++;
      else neg++;
    }
    positiveWeight[c] = pos > 0 ? Math.min(options.maxPositiveWeight, Math.max(1, neg / pos)) : 1;
  }
  const names = Object.keys(w) as WeightName[];
  const m1 = Object.fromEntries(names.map((n) => [n, new Float64Array(w[n].length)])) as Gradients;
  const m2 = Object.fromEntries(names.map((n) => [n, new Float64Array(w[n].length)])) as Gradients;
  let step = 0;
  let best: FusionWeights | undefined;
  let bestLoss = Infinity;
  let bestEpoch = -1;
  const history: { epoch: number; trainLoss: number; aux: number; devLoss: number }[] = [];
  const order = train.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let trainLoss = 0;
    let auxLoss = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize).map((i) => train[i]!);
      const x = packExamples(spec, batch);
      const { loss, grads } = lossAndGradients(
        spec,
        w,
        x,
        stack(batch, C, 'targets'),
        stack(batch, C, 'mask'),
        positiveWeight,
        options.auxLossWeight,
      );
      trainLoss += loss.bce;
      auxLoss += loss.aux;
      batches++;
      step++;
      const lrT = (options.learningRate * Math.sqrt(1 - options.beta2 ** step)) / (1 - options.beta1 ** step);
      for (const name of names) {
        if (FROZEN.has(name)) continue;
        const p = w[name];
        const gr = grads[name];
        const a = m1[name];
        const v = m2[name];
        const decay = DECAYED.has(name) ? options.weightDecay : 0;
        for (let i = 0; i < p.length; i++) {
          const gi = gr[i]! + decay * p[i]!;
          a[i] = options.beta1 * a[i]! + (1 - options.beta1) * gi;
          v[i] = options.beta2 * v[i]! + (1 - options.beta2) * gi * gi;
          p[i] = p[i]! - (lrT * a[i]!) / (Math.sqrt(v[i]!) + 1e-8);
        }
      }
    }
    const devLoss = evaluateLoss(spec, w, dev);
    history.push({ epoch, trainLoss: trainLoss / batches, aux: auxLoss / batches, devLoss });
    if (devLoss < bestLoss) {
      bestLoss = devLoss;
      bestEpoch = epoch;
      best = Object.fromEntries(names.map((n) => [n, w[n].slice()])) as unknown as FusionWeights;
    }
    if (epoch % 10 === 0 || epoch === options.epochs - 1)
      log(
        `train: epoch ${epoch} loss ${(trainLoss / batches).toFixed(4)} aux ${(auxLoss / batches).toFixed(4)} dev ${devLoss.toFixed(4)}`,
      );
  }
  return { weights: best ?? w, bestEpoch, history };
}
