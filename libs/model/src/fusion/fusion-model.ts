import { createSession, ort, type SessionOptions } from '../session';
import { FUSION_MODALITIES, type FusionSpec } from './spec';
import type { FusionInputs } from './reference';

export interface FusionOutputs {
  /** `[rows, C]` raw logits. */
  readonly logits: Float32Array;
  /** `[rows, C]` calibrated scores, 0..1. */
  readonly scores: Float32Array;
  /** `[tokens, E]` router logits (after the modality-group mask). */
  readonly routerLogits: Float32Array;
}

/**
 * Runs the fusion ONNX graph (either variant: com.microsoft::MoE or the plain-op fallback) on packed
 * tokens. One call serves a whole batch of posts and their attribution rows.
 */
export class FusionModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly spec: FusionSpec,
  ) {}

  /** @throws Error from onnxruntime when the graph cannot be loaded (e.g. a runtime without the contrib op). */
  static async load(file: string, spec: FusionSpec, options: SessionOptions): Promise<FusionModel> {
    return new FusionModel(await createSession(file, options), spec);
  }

  /** @throws Error when `inputs` has no tokens (the graph needs at least one) or shapes disagree. */
  async run(x: FusionInputs): Promise<FusionOutputs> {
    if (x.tokens === 0) throw new Error('fusion: no tokens to fuse');
    const M = FUSION_MODALITIES.length;
    const out = await this.session.run({
      features: new ort.Tensor('float32', x.features, [x.tokens, this.spec.featureDim]),
      modality: new ort.Tensor('float32', x.modality, [x.tokens, M]),
      pool: new ort.Tensor('float32', x.pool, [x.rows, x.tokens]),
    });
    return {
      logits: out.logits!.data as Float32Array,
      scores: out.scores!.data as Float32Array,
      routerLogits: out.router_logits!.data as Float32Array,
    };
  }
}
