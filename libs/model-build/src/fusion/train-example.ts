import { FUSION_MODALITIES, type FusionInputs, type FusionSpec } from '@vigil/model';
import type { Modality } from '@vigil/contracts';

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

/** Stacks one per-category field of each example into a row-major [examples × C] array. */
export function stack(examples: readonly TrainExample[], C: number, key: 'targets' | 'mask'): Float32Array {
  const out = new Float32Array(examples.length * C);
  examples.forEach((e, i) => out.set(e[key], i * C));
  return out;
}
