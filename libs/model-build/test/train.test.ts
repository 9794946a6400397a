import { describe, expect, it } from 'vitest';
import type { FusionSpec, WeightName } from '@vigil/model';
import { initialWeights, mulberry32 } from '../src/fusion/random';
import { lossAndGradients, packExamples, trainFusion, type TrainExample } from '../src/fusion/train';

const spec: FusionSpec = {
  tokenSources: [],
  featureDim: 6,
  dModel: 5,
  experts: 5,
  inter: 4,
  k: 2,
  sharedInter: 3,
  groups: { caption: [0, 1, 2], image_text: [0, 1, 2], image: [3, 4], video_frames: [3, 4], audio: [3, 4] },
  categories: ['spam', 'hate'],
};

function examples(seed: number, count: number): TrainExample[] {
  const r = mulberry32(seed);
  const mods = ['caption', 'image', 'image_text', 'audio'] as const;
  return Array.from({ length: count }, (_, i) => {
    const tokens = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
      modality: mods[Math.floor(r() * mods.length)]!,
      features: Float32Array.from({ length: 6 }, () => r() * 2 - 1),
    }));
    // Learnable rule: spam when the first token's feature 0 is positive; hate when feature 1 is.
    const t0 = tokens[0]!.features;
    return {
      id: `e${i}`,
      tokens,
      targets: Float32Array.of(t0[0]! > 0 ? 1 : 0, t0[1]! > 0.3 ? 1 : 0),
      mask: Float32Array.of(1, 1),
    };
  });
}

describe('fusion training', () => {
  it('computes gradients that match finite differences (BCE + load-balancing loss)', () => {
    const w = initialWeights(spec, 3);
    const r = mulberry32(5);
    for (const k of ['bp', 'br', 'b1', 'b2', 'bs1', 'bs2', 'bo'] as WeightName[])
      w[k] = w[k].map(() => r() - 0.5);
    const ex = examples(7, 4);
    const x = packExamples(spec, ex);
    const targets = new Float32Array(ex.flatMap((e) => [...e.targets]));
    const mask = new Float32Array(targets.length).fill(1);
    const pw = Float32Array.of(2, 1);
    const loss = () => {
      const o = lossAndGradients(spec, w, x, targets, mask, pw, 0.1).loss;
      return o.bce + o.aux;
    };
    const { grads } = lossAndGradients(spec, w, x, targets, mask, pw, 0.1);
    let worst = 0;
    for (const name of Object.keys(grads) as WeightName[]) {
      if (name === 'temperature') continue;
      for (let i = 0; i < w[name].length; i++) {
        const old = w[name][i]!;
        w[name][i] = old + 1e-3;
        const a = loss();
        w[name][i] = old - 1e-3;
        const b = loss();
        w[name][i] = old;
        const numeric = (a - b) / 2e-3;
        worst = Math.max(
          worst,
          Math.abs(numeric - grads[name][i]!) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grads[name][i]!)),
        );
      }
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('learns a simple rule, deterministically for a seed', () => {
    const train = examples(11, 160);
    const dev = examples(12, 60);
    const options = {
      seed: 1,
      epochs: 25,
      batchSize: 16,
      learningRate: 1e-2,
      beta1: 0.9,
      beta2: 0.999,
      weightDecay: 0,
      auxLossWeight: 0.01,
      maxPositiveWeight: 4,
    };
    const a = trainFusion(spec, train, dev, options);
    const b = trainFusion(spec, train, dev, options);
    expect(Buffer.from(a.weights.wp.buffer).equals(Buffer.from(b.weights.wp.buffer))).toBe(true);
    const first = a.history[0]!.devLoss;
    const best = Math.min(...a.history.map((h) => h.devLoss));
    expect(best).toBeLessThan(first * 0.6);
    // The load-balancing loss stays near its uniform value (α · 1 per group).
    expect(a.history[a.history.length - 1]!.aux).toBeLessThan(0.05);
  });
});
