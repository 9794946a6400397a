import { CATEGORY_IDS, MODALITIES, type CategoryId, type Modality } from '@vigil/contracts';

/**
 * Shape of the fusion mixture-of-experts, as stored in the bundle manifest (`fusion` entry, `params`)
 * and in the committed weights file.
 *
 * Each expert output that feeds fusion is a token source: its feature vector occupies
 * `[offset, offset + dim)` of the common feature row (`features[N, featureDim]`), the rest of the row is
 * zero, so one projection matrix holds every source's projection block. An image expert plugs in by
 * adding a token source (and retraining).
 */
export interface TokenSource {
  /** Expert name in the manifest whose output feeds this source (`text`, `image-stats`, `audio-vad`…). */
  readonly expert: string;
  /** Modalities this source's tokens can carry. */
  readonly modalities: readonly Modality[];
  readonly offset: number;
  readonly dim: number;
}

export interface FusionSpec {
  readonly tokenSources: readonly TokenSource[];
  readonly featureDim: number;
  /** Token width inside the fusion model. */
  readonly dModel: number;
  /** Routed experts and their hidden width; `k` of them run per token. */
  readonly experts: number;
  readonly inter: number;
  readonly k: number;
  /** Always-on shared expert hidden width. */
  readonly sharedInter: number;
  /** Routed expert indices each modality may use (modality-specific groups). */
  readonly groups: Readonly<Record<Modality, readonly number[]>>;
  readonly categories: readonly CategoryId[];
}

/** Router logit added for experts outside a token's modality group (softmax weight exp(−1e4) = 0). */
export const GROUP_MASK_LOGIT = -1e4;

export const FUSION_MODALITIES = MODALITIES;

/** The group-mask matrix `[M, E]`: 0 where modality m may use expert e, GROUP_MASK_LOGIT elsewhere. */
export function groupMask(spec: FusionSpec): Float32Array {
  const out = new Float32Array(FUSION_MODALITIES.length * spec.experts).fill(GROUP_MASK_LOGIT);
  FUSION_MODALITIES.forEach((m, i) => {
    for (const e of spec.groups[m]) out[i * spec.experts + e] = 0;
  });
  return out;
}

/**
 * Fusion parameters, all row-major float32. Layouts follow the ONNX graph: `wp [F, d]`, `emb [M, d]`,
 * `wr [d, E]`, `fc1 [E, I, d]` and `fc2 [E, d, I]` (output × input, as com.microsoft::MoE wants),
 * `ws1 [d, Is]`, `ws2 [Is, d]`, `wo [2d, C]` (mean ‖ max pooled), `temperature [C]` (calibration).
 */
export interface FusionWeights {
  wp: Float32Array;
  bp: Float32Array;
  emb: Float32Array;
  wr: Float32Array;
  br: Float32Array;
  fc1: Float32Array;
  b1: Float32Array;
  fc2: Float32Array;
  b2: Float32Array;
  ws1: Float32Array;
  bs1: Float32Array;
  ws2: Float32Array;
  bs2: Float32Array;
  wo: Float32Array;
  bo: Float32Array;
  temperature: Float32Array;
}

export type WeightName = keyof FusionWeights;

/** Shape of every parameter for a spec. */
export function weightShapes(spec: FusionSpec): Record<WeightName, number[]> {
  const { featureDim: F, dModel: d, experts: E, inter: I, sharedInter: Is } = spec;
  const M = FUSION_MODALITIES.length;
  const C = spec.categories.length;
  return {
    wp: [F, d],
    bp: [d],
    emb: [M, d],
    wr: [d, E],
    br: [E],
    fc1: [E, I, d],
    b1: [E, I],
    fc2: [E, d, I],
    b2: [E, d],
    ws1: [d, Is],
    bs1: [Is],
    ws2: [Is, d],
    bs2: [d],
    wo: [2 * d, C],
    bo: [C],
    temperature: [C],
  };
}

/** The committed weights file: spec, parameters (base64 float32 little-endian) and training facts. */
export interface FusionWeightsFile {
  readonly format: 'vigil-fusion-weights/1';
  readonly spec: FusionSpec;
  readonly weights: Record<WeightName, string>;
  /** Default decision threshold per category on the calibrated score. */
  readonly thresholds: Partial<Record<CategoryId, number>>;
  /** Categories with positives in training (the ones fusion informs). */
  readonly trained: readonly CategoryId[];
  readonly training: Record<string, unknown>;
}

export function encodeWeights(w: FusionWeights): Record<WeightName, string> {
  return Object.fromEntries(
    Object.entries(w).map(([k, v]) => [
      k,
      Buffer.from(
        (v as Float32Array).buffer,
        (v as Float32Array).byteOffset,
        (v as Float32Array).byteLength,
      ).toString('base64'),
    ]),
  ) as Record<WeightName, string>;
}

/** @throws Error when a parameter is missing or has the wrong size for the spec. */
export function decodeWeights(file: FusionWeightsFile): FusionWeights {
  const shapes = weightShapes(file.spec);
  const out: Partial<FusionWeights> = {};
  for (const [name, shape] of Object.entries(shapes) as [WeightName, number[]][]) {
    const b64 = file.weights[name];
    if (typeof b64 !== 'string') throw new Error(`fusion weights: missing ${name}`);
    const buf = Buffer.from(b64, 'base64');
    const arr = new Float32Array(buf.byteLength / 4);
    new Uint8Array(arr.buffer).set(buf);
    const size = shape.reduce((a, b) => a * b, 1);
    if (arr.length !== size)
      throw new Error(`fusion weights: ${name} has ${arr.length} values, expected ${size}`);
    out[name] = arr;
  }
  return out as FusionWeights;
}

export { CATEGORY_IDS };
