import {
  FUSION_MODALITIES,
  fusionForward,
  weightShapes,
  type FusionInputs,
  type FusionSpec,
  type FusionTrace,
  type FusionWeights,
  type WeightName,
} from '@vigil/model';
import type { Modality } from '@vigil/contracts';
import { initialWeights, mulberry32 } from './random';

/** One fusion token of a training example: features in the common row layout, and its modality. */
export interface TrainToken {
  readonly features: Float32Array;
  readonly modality: Modality;
}

/** One training example (a post): its tokens, 0/1 targets per category and which targets count. */
export interface TrainExample {
  readonly id: string;
  readonly tokens: readonly TrainToken[];
  readonly targets: Float32Array;
  readonly mask: Float32Array;
}

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

export type Gradients = Record<WeightName, Float64Array>;

/** Packs examples into graph inputs: tokens in order, one pooled row per example. */
export function packExamples(
  spec: FusionSpec,
  examples: readonly Pick<TrainExample, 'tokens'>[],
): FusionInputs {
  const F = spec.featureDim;
  const M = FUSION_MODALITIES.length;
  const N = examples.reduce((a, e) => a + e.tokens.length, 0);
  const B = examples.length;
  const features = new Float32Array(N * F);
  const modality = new Float32Array(N * M);
  const pool = new Float32Array(B * N);
  let n = 0;
  examples.forEach((e, b) => {
    for (const t of e.tokens) {
      features.set(t.features, n * F);
      modality[n * M + FUSION_MODALITIES.indexOf(t.modality)] = 1;
      pool[b * N + n] = 1;
      n++;
    }
  });
  return { tokens: N, rows: B, features, modality, pool };
}

export interface LossParts {
  readonly bce: number;
  readonly aux: number;
}

/**
 * Loss and gradients of one batch (temperatures held at their values; training keeps them at 1).
 * Loss = mean over examples of the positive-weighted binary cross-entropy summed over masked categories
 * + auxLossWeight · Σ_groups |g| · Σ_{e∈g} f_e · P_e, where f_e is the share of the group's top-k slots
 * sent to expert e and P_e its mean router probability (gradient through P only, as in Switch).
 */
export function lossAndGradients(
  spec: FusionSpec,
  w: FusionWeights,
  x: FusionInputs,
  targets: Float32Array,
  mask: Float32Array,
  positiveWeight: Float32Array,
  auxLossWeight: number,
): { loss: LossParts; grads: Gradients; trace: FusionTrace } {
  const { featureDim: F, dModel: d, experts: E, inter: I, sharedInter: Is, k } = spec;
  const M = FUSION_MODALITIES.length;
  const C = spec.categories.length;
  const N = x.tokens;
  const B = x.rows;
  const t = fusionForward(spec, w, x);
  const shapes = weightShapes(spec);
  const g = Object.fromEntries(
    Object.entries(shapes).map(([name, s]) => [name, new Float64Array(s.reduce((a, b) => a * b, 1))]),
  ) as Gradients;

  // Output layer and BCE.
  let bce = 0;
  const dPooled = new Float64Array(B * 2 * d);
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < C; c++) {
      if (mask[b * C + c] === 0) continue;
      const z = t.logits[b * C + c]! / w.temperature[c]!;
      const y = targets[b * C + c]!;
      const wt = y > 0.5 ? positiveWeight[c]! : 1;
      // log(1 + e^z) computed stably
      const softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
      bce += (wt * (softplus - y * z)) / B;
      const dz = (wt * (1 / (1 + Math.exp(-z)) - y)) / B / w.temperature[c]!;
      g.bo[c]! += dz;
      for (let j = 0; j < 2 * d; j++) {
        g.wo[j * C + c]! += t.pooled[b * 2 * d + j]! * dz;
        dPooled[b * 2 * d + j]! += w.wo[j * C + c]! * dz;
      }
    }
  }
  // Pooling.
  const dh = new Float64Array(N * d);
  for (let b = 0; b < B; b++) {
    let count = 0;
    for (let n = 0; n < N; n++) if (x.pool[b * N + n] !== 0) count++;
    if (count === 0) continue;
    for (let n = 0; n < N; n++) {
      if (x.pool[b * N + n] === 0) continue;
      for (let j = 0; j < d; j++) dh[n * d + j]! += dPooled[b * 2 * d + j]! / count;
    }
    for (let j = 0; j < d; j++) {
      const n = t.argmax[b * d + j]!;
      if (n >= 0) dh[n * d + j]! += dPooled[b * 2 * d + d + j]!;
    }
  }

  // Auxiliary load-balancing loss per modality group.
  let aux = 0;
  const dProbs = new Float64Array(N * E);
  if (auxLossWeight > 0) {
    const groupKey = (m: Modality): string => spec.groups[m].join(',');
    const groups = new Map<string, number[]>();
    for (let n = 0; n < N; n++) {
      const m = FUSION_MODALITIES.find((_, i) => x.modality[n * M + i] !== 0);
      if (!m) continue;
      const key = groupKey(m);
      groups.set(key, [...(groups.get(key) ?? []), n]);
    }
    for (const [key, tokens] of groups) {
      const members = key.split(',').map(Number);
      const size = members.length;
      for (const e of members) {
        let f = 0;
        let p = 0;
        for (const n of tokens) {
          for (let s = 0; s < k; s++) if (t.topk[n * k + s] === e) f++;
          p += t.probs[n * E + e]!;
        }
        f /= k * tokens.length;
        p /= tokens.length;
        aux += auxLossWeight * size * f * p;
        for (const n of tokens) dProbs[n * E + e]! += (auxLossWeight * size * f) / tokens.length;
      }
    }
  }

  // Token layers.
  const dh0 = new Float64Array(N * d);
  const dr = new Float64Array(E);
  const dPre = new Float64Array(Math.max(I, Is));
  for (let n = 0; n < N; n++) {
    const h0 = t.h0.subarray(n * d, (n + 1) * d);
    const dhn = dh.subarray(n * d, (n + 1) * d);
    const dh0n = dh0.subarray(n * d, (n + 1) * d);
    for (let j = 0; j < d; j++) dh0n[j] = dhn[j]!;
    // Shared expert.
    const sp = t.sharedPre.subarray(n * Is, (n + 1) * Is);
    for (let j = 0; j < d; j++) g.bs2[j]! += dhn[j]!;
    for (let i = 0; i < Is; i++) {
      if (sp[i]! <= 0) continue;
      let da = 0;
      for (let j = 0; j < d; j++) {
        g.ws2[i * d + j]! += sp[i]! * dhn[j]!;
        da += w.ws2[i * d + j]! * dhn[j]!;
      }
      g.bs1[i]! += da;
      for (let j = 0; j < d; j++) {
        g.ws1[j * Is + i]! += h0[j]! * da;
        dh0n[j]! += w.ws1[j * Is + i]! * da;
      }
    }
    // Routed experts.
    const dGate = new Float64Array(k);
    for (let s = 0; s < k; s++) {
      const e = t.topk[n * k + s]!;
      const gate = t.gates[n * k + s]!;
      const pre = t.expertPre.subarray((n * k + s) * I, (n * k + s + 1) * I);
      const out = t.expertOut.subarray((n * k + s) * d, (n * k + s + 1) * d);
      let dg = 0;
      for (let j = 0; j < d; j++) dg += out[j]! * dhn[j]!;
      dGate[s] = dg;
      for (let j = 0; j < d; j++) g.b2[e * d + j]! += gate * dhn[j]!;
      dPre.fill(0, 0, I);
      for (let j = 0; j < d; j++) {
        const dout = gate * dhn[j]!;
        if (dout === 0) continue;
        const row = (e * d + j) * I;
        for (let i = 0; i < I; i++) {
          if (pre[i]! <= 0) continue;
          g.fc2[row + i]! += dout * pre[i]!;
          dPre[i]! += w.fc2[row + i]! * dout;
        }
      }
      for (let i = 0; i < I; i++) {
        if (pre[i]! <= 0 || dPre[i] === 0) continue;
        g.b1[e * I + i]! += dPre[i]!;
        const row = (e * I + i) * d;
        for (let j = 0; j < d; j++) {
          g.fc1[row + j]! += dPre[i]! * h0[j]!;
          dh0n[j]! += w.fc1[row + j]! * dPre[i]!;
        }
      }
    }
    // Router: gates are a softmax over the top-k logits; aux loss acts through the full softmax.
    dr.fill(0);
    let gd = 0;
    for (let s = 0; s < k; s++) gd += t.gates[n * k + s]! * dGate[s]!;
    for (let s = 0; s < k; s++) dr[t.topk[n * k + s]!]! += t.gates[n * k + s]! * (dGate[s]! - gd);
    let pd = 0;
    for (let e = 0; e < E; e++) pd += t.probs[n * E + e]! * dProbs[n * E + e]!;
    for (let e = 0; e < E; e++) dr[e]! += t.probs[n * E + e]! * (dProbs[n * E + e]! - pd);
    for (let e = 0; e < E; e++) {
      if (dr[e] === 0) continue;
      g.br[e]! += dr[e]!;
      for (let j = 0; j < d; j++) {
        g.wr[j * E + e]! += h0[j]! * dr[e]!;
        dh0n[j]! += w.wr[j * E + e]! * dr[e]!;
      }
    }
    // Projection and modality embedding.
    for (let j = 0; j < d; j++) g.bp[j]! += dh0n[j]!;
    for (let f = 0; f < F; f++) {
      const v = x.features[n * F + f]!;
      if (v === 0) continue;
      for (let j = 0; j < d; j++) g.wp[f * d + j]! += v * dh0n[j]!;
    }
    for (let m = 0; m < M; m++) {
      const v = x.modality[n * M + m]!;
      if (v === 0) continue;
      for (let j = 0; j < d; j++) g.emb[m * d + j]! += v * dh0n[j]!;
    }
  }
  return { loss: { bce, aux }, grads: g, trace: t };
}

const DECAYED: ReadonlySet<WeightName> = new Set(['wp', 'wr', 'fc1', 'fc2', 'ws1', 'ws2', 'wo']);
const FROZEN: ReadonlySet<WeightName> = new Set(['temperature']);

export interface TrainReport {
  readonly weights: FusionWeights;
  readonly bestEpoch: number;
  readonly history: readonly { epoch: number; trainLoss: number; aux: number; devLoss: number }[];
}

function stack(examples: readonly TrainExample[], C: number, key: 'targets' | 'mask'): Float32Array {
  const out = new Float32Array(examples.length * C);
  examples.forEach((e, i) => out.set(e[key], i * C));
  return out;
}

/** Mean masked BCE of a set of examples (no gradients), for model selection. */
export function evaluateLoss(spec: FusionSpec, w: FusionWeights, examples: readonly TrainExample[]): number {
  const C = spec.categories.length;
  const x = packExamples(spec, examples);
  const { loss } = lossAndGradients(
    spec,
    w,
    x,
    stack(examples, C, 'targets'),
    stack(examples, C, 'mask'),
    new Float32Array(C).fill(1),
    0,
  );
  return loss.bce;
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
