import { FUSION_MODALITIES, groupMask, type FusionSpec, type FusionWeights } from './spec';

/**
 * Fusion inputs for a batch of posts, as the ONNX graph takes them:
 * `features [N, F]`, `modality [N, M]` one-hot, `pool [B, N]` 0/1 (which tokens each output row pools).
 */
export interface FusionInputs {
  readonly tokens: number;
  readonly rows: number;
  readonly features: Float32Array;
  readonly modality: Float32Array;
  readonly pool: Float32Array;
}

/** Intermediate values of one forward pass (the trainer's backward pass reads them). */
export interface FusionTrace {
  h0: Float64Array; // [N, d]
  routerLogits: Float64Array; // [N, E]
  probs: Float64Array; // [N, E] softmax over all experts
  topk: Int32Array; // [N, k]
  gates: Float64Array; // [N, k] renormalised over the top-k
  expertPre: Float64Array; // [N, k, I] fc1 output before ReLU
  expertOut: Float64Array; // [N, k, d] fc2 output (before gating)
  sharedPre: Float64Array; // [N, Is]
  h: Float64Array; // [N, d]
  pooled: Float64Array; // [B, 2d]
  argmax: Int32Array; // [B, d] token index of each max
  logits: Float64Array; // [B, C]
  scores: Float64Array; // [B, C]
}

/**
 * The fusion model in plain JavaScript (float64), the reference both ONNX graphs are tested against and
 * the forward pass of training. Steps:
 * 1. `h0 = features·wp + modality·emb + bp` (token projection plus modality embedding)
 * 2. router logits `r = h0·wr + br + modality·G` (G: −1e4 outside the modality's expert group)
 * 3. MoE: softmax(r) over all experts, top-k, weights renormalised over the k (com.microsoft::MoE with
 *    `normalize_routing_weights=1`); expert e: `fc2[e]·relu(fc1[e]·h0 + b1[e]) + b2[e]`
 *    (Shazeer et al. 2017, "Outrageously Large Neural Networks"; Fedus et al. 2021, Switch Transformer)
 * 4. shared expert (always on, as in DeepSeekMoE, Dai et al. 2024): `relu(h0·ws1 + bs1)·ws2 + bs2`
 * 5. `h = h0 + moe + shared`; per output row: mean and max over its pooled tokens, concatenated
 * 6. `logits = pooled·wo + bo`; `scores = sigmoid(logits / temperature)` (temperature scaling, Guo et al. 2017)
 * A row with no tokens gets pooled zeros.
 */
export function fusionForward(spec: FusionSpec, w: FusionWeights, x: FusionInputs): FusionTrace {
  const { featureDim: F, dModel: d, experts: E, inter: I, sharedInter: Is, k } = spec;
  const M = FUSION_MODALITIES.length;
  const C = spec.categories.length;
  const N = x.tokens;
  const B = x.rows;
  const G = groupMask(spec);
  const h0 = new Float64Array(N * d);
  const routerLogits = new Float64Array(N * E);
  const probs = new Float64Array(N * E);
  const topk = new Int32Array(N * k);
  const gates = new Float64Array(N * k);
  const expertPre = new Float64Array(N * k * I);
  const expertOut = new Float64Array(N * k * d);
  const sharedPre = new Float64Array(N * Is);
  const h = new Float64Array(N * d);
  for (let n = 0; n < N; n++) {
    const hn = h0.subarray(n * d, (n + 1) * d);
    for (let j = 0; j < d; j++) hn[j] = w.bp[j]!;
    for (let f = 0; f < F; f++) {
      const v = x.features[n * F + f]!;
      if (v === 0) continue;
      for (let j = 0; j < d; j++) hn[j]! += v * w.wp[f * d + j]!;
    }
    for (let m = 0; m < M; m++) {
      const v = x.modality[n * M + m]!;
      if (v === 0) continue;
      for (let j = 0; j < d; j++) hn[j]! += v * w.emb[m * d + j]!;
    }
    // Router.
    let max = -Infinity;
    for (let e = 0; e < E; e++) {
      let r = w.br[e]!;
      for (let j = 0; j < d; j++) r += hn[j]! * w.wr[j * E + e]!;
      for (let m = 0; m < M; m++) r += x.modality[n * M + m]! * G[m * E + e]!;
      routerLogits[n * E + e] = r;
      max = Math.max(max, r);
    }
    let sum = 0;
    for (let e = 0; e < E; e++) sum += probs[n * E + e] = Math.exp(routerLogits[n * E + e]! - max);
    for (let e = 0; e < E; e++) probs[n * E + e]! /= sum;
    // Top-k (ties: lower index first, as onnxruntime's TopK).
    const order = Array.from({ length: E }, (_, e) => e).sort(
      (a, b) => probs[n * E + b]! - probs[n * E + a]! || a - b,
    );
    let gsum = 0;
    for (let s = 0; s < k; s++) {
      topk[n * k + s] = order[s]!;
      gsum += probs[n * E + order[s]!]!;
    }
    const hOut = h.subarray(n * d, (n + 1) * d);
    hOut.set(hn);
    for (let s = 0; s < k; s++) {
      const e = order[s]!;
      const g = (gates[n * k + s] = probs[n * E + e]! / gsum);
      const pre = expertPre.subarray((n * k + s) * I, (n * k + s + 1) * I);
      for (let i = 0; i < I; i++) {
        let z = w.b1[e * I + i]!;
        const row = (e * I + i) * d;
        for (let j = 0; j < d; j++) z += w.fc1[row + j]! * hn[j]!;
        pre[i] = z;
      }
      const out = expertOut.subarray((n * k + s) * d, (n * k + s + 1) * d);
      for (let j = 0; j < d; j++) {
        let z = w.b2[e * d + j]!;
        const row = (e * d + j) * I;
        for (let i = 0; i < I; i++) if (pre[i]! > 0) z += w.fc2[row + i]! * pre[i]!;
        out[j] = z;
        hOut[j]! += g * z;
      }
    }
    // Shared expert.
    const sp = sharedPre.subarray(n * Is, (n + 1) * Is);
    for (let i = 0; i < Is; i++) {
      let z = w.bs1[i]!;
      for (let j = 0; j < d; j++) z += hn[j]! * w.ws1[j * Is + i]!;
      sp[i] = z;
    }
    for (let j = 0; j < d; j++) {
      let z = w.bs2[j]!;
      for (let i = 0; i < Is; i++) if (sp[i]! > 0) z += sp[i]! * w.ws2[i * d + j]!;
      hOut[j]! += z;
    }
  }
  // Pooling and output.
  const pooled = new Float64Array(B * 2 * d);
  const argmax = new Int32Array(B * d).fill(-1);
  const logits = new Float64Array(B * C);
  const scores = new Float64Array(B * C);
  for (let b = 0; b < B; b++) {
    let count = 0;
    const pb = pooled.subarray(b * 2 * d, (b + 1) * 2 * d);
    for (let n = 0; n < N; n++) {
      if (x.pool[b * N + n]! === 0) continue;
      count++;
      for (let j = 0; j < d; j++) {
        pb[j]! += h[n * d + j]!;
        if (argmax[b * d + j] === -1 || h[n * d + j]! > pb[d + j]!) {
          pb[d + j] = h[n * d + j]!;
          argmax[b * d + j] = n;
        }
      }
    }
    for (let j = 0; j < d; j++) pb[j]! /= Math.max(count, 1);
    for (let c = 0; c < C; c++) {
      let z = w.bo[c]!;
      for (let j = 0; j < 2 * d; j++) z += pb[j]! * w.wo[j * C + c]!;
      logits[b * C + c] = z;
      scores[b * C + c] = 1 / (1 + Math.exp(-z / w.temperature[c]!));
    }
  }
  return {
    h0,
    routerLogits,
    probs,
    topk,
    gates,
    expertPre,
    expertOut,
    sharedPre,
    h,
    pooled,
    argmax,
    logits,
    scores,
  };
}
