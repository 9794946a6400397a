import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  decodeWeights,
  FUSION_MODALITIES,
  fusionForward,
  type FusionInputs,
  type FusionSpec,
  type FusionWeights,
} from '@vigil/model';
import { buildFusionGraph } from '../src/fusion/fusion-graph';
import { initialWeights, mulberry32 } from '../src/fusion/random';
import { readFusionWeights } from '../src/experts/fusion';

const spec: FusionSpec = {
  tokenSources: [],
  featureDim: 24,
  dModel: 8,
  experts: 7,
  inter: 12,
  k: 2,
  sharedInter: 10,
  groups: { caption: [0, 1, 2], image_text: [0, 1, 2], image: [3, 4], video_frames: [3, 4], audio: [5, 6] },
  categories: ['spam', 'hate', 'sexual'],
};

function randomWeights(s: FusionSpec, seed: number): FusionWeights {
  const w = initialWeights(s, seed);
  const r = mulberry32(seed + 1);
  for (const k of ['bp', 'br', 'b1', 'b2', 'bs1', 'bs2', 'bo'] as const) w[k] = w[k].map(() => r() - 0.5);
  w.temperature = w.temperature.map(() => 0.5 + r());
  return w;
}

function randomInputs(s: FusionSpec, seed: number, tokens: number, members: number[][]): FusionInputs {
  const r = mulberry32(seed);
  const M = FUSION_MODALITIES.length;
  const modality = new Float32Array(tokens * M);
  for (let n = 0; n < tokens; n++) modality[n * M + Math.floor(r() * M)] = 1;
  const pool = new Float32Array(members.length * tokens);
  members.forEach((ts, b) => ts.forEach((t) => (pool[b * tokens + t] = 1)));
  return {
    tokens,
    rows: members.length,
    features: Float32Array.from({ length: tokens * s.featureDim }, () => r() * 2 - 1),
    modality,
    pool,
  };
}

async function runGraph(bytes: Uint8Array, s: FusionSpec, x: FusionInputs) {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({
    features: new ort.Tensor('float32', x.features, [x.tokens, s.featureDim]),
    modality: new ort.Tensor('float32', x.modality, [x.tokens, FUSION_MODALITIES.length]),
    pool: new ort.Tensor('float32', x.pool, [x.rows, x.tokens]),
  });
  return {
    logits: out.logits!.data as Float32Array,
    scores: out.scores!.data as Float32Array,
    router: out.router_logits!.data as Float32Array,
  };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('fusion ONNX graphs against the JavaScript reference', () => {
  it.each([1, 2, 3])(
    'random weights (seed %i): com.microsoft::MoE and plain ops within 1e-5',
    async (seed) => {
      const w = randomWeights(spec, seed);
      const x = randomInputs(spec, seed * 7, 9, [[0, 1, 2], [3, 4, 5, 6, 7, 8], [], [4]]);
      const ref = fusionForward(spec, w, x);
      const contrib = await runGraph(buildFusionGraph(spec, w, 'contrib'), spec, x);
      const plain = await runGraph(buildFusionGraph(spec, w, 'plain'), spec, x);
      expect(maxDiff(contrib.logits, ref.logits)).toBeLessThan(1e-5);
      expect(maxDiff(plain.logits, ref.logits)).toBeLessThan(1e-5);
      expect(maxDiff(contrib.logits, plain.logits)).toBeLessThan(1e-5);
      expect(maxDiff(contrib.scores, ref.scores)).toBeLessThan(1e-5);
      expect(maxDiff(contrib.router, ref.routerLogits)).toBeLessThan(1e-3); // values near −1e4
      // The empty row pools nothing.
      expect(Array.from(contrib.logits.slice(2 * 3, 3 * 3))).toEqual(Array.from(w.bo));
    },
  );

  it('the committed weights: both graphs agree with the reference on real-sized inputs', async () => {
    const file = readFusionWeights();
    const w = decodeWeights(file);
    const x = randomInputs(file.spec, 99, 40, [
      Array.from({ length: 20 }, (_, i) => i),
      Array.from({ length: 20 }, (_, i) => 20 + i),
    ]);
    const ref = fusionForward(file.spec, w, x);
    const contrib = await runGraph(buildFusionGraph(file.spec, w, 'contrib'), file.spec, x);
    const plain = await runGraph(buildFusionGraph(file.spec, w, 'plain'), file.spec, x);
    expect(maxDiff(contrib.logits, ref.logits)).toBeLessThan(1e-5);
    expect(maxDiff(plain.logits, ref.logits)).toBeLessThan(1e-5);
  });

  it('silently differs when fc1 is stored transposed ([E, d, I], the old layout)', async () => {
    const s: FusionSpec = { ...spec, inter: 8 }; // I = d: shapes pass, maths is wrong
    const w = randomWeights(s, 5);
    const x = randomInputs(s, 11, 5, [[0, 1, 2, 3, 4]]);
    const ref = fusionForward(s, w, x);
    const transposed = { ...w, fc1: new Float32Array(w.fc1.length) };
    const { experts: E, inter: I, dModel: d } = s;
    for (let e = 0; e < E; e++)
      for (let i = 0; i < I; i++)
        for (let j = 0; j < d; j++) transposed.fc1[(e * d + j) * I + i] = w.fc1[(e * I + i) * d + j]!;
    const wrong = await runGraph(buildFusionGraph(s, transposed, 'contrib'), s, x);
    expect(maxDiff(wrong.logits, ref.logits)).toBeGreaterThan(1e-3);
  });

  it('is byte-for-byte deterministic', () => {
    const w = randomWeights(spec, 1);
    expect(
      Buffer.from(buildFusionGraph(spec, w, 'contrib')).equals(
        Buffer.from(buildFusionGraph(spec, w, 'contrib')),
      ),
    ).toBe(true);
  });
});
