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
import { packExamples, stack, type TrainExample } from './train-example';

export type Gradients = Record<WeightName, Float64Array>;

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
