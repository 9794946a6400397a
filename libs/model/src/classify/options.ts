import type { MediaResult, Modality } from '@vigil/contracts';
import type { FrameAltInput } from '../experts/contract';
import type { SkippedExpert } from '../router';

/**
 * What the frame experts (image-stats and the image experts) produced for one medium: enough to fuse
 * the medium again without running them. A media cache keeps it by the medium's sha256 (same bytes,
 * same frames) and bundle version.
 */
export interface MediaFrameOutputs {
  /** Frames of the medium when it was examined; a cached entry only applies to a medium with as many. */
  readonly frameCount: number;
  /** Examined frames: index, fusion feature row `[spec.featureDim]` float32, text likelihood 0..1. */
  readonly frames: readonly {
    readonly index: number;
    readonly features: Float32Array;
    readonly textLikelihood?: number;
  }[];
  /** Highest visual-category score over the examined frames, 0..1, when a frame expert gave one. */
  readonly visualScore?: number;
  /** Text lines read from the frames (OCR), in reading order. */
  readonly lines: readonly string[];
  /** Frame experts that ran on it without error. */
  readonly experts: readonly string[];
  /** Alt-text inputs the frame experts gave (each from the earliest frame it examined). */
  readonly alt?: FrameAltInput;
  /** OCR lines and objects found in its frames, as its media result lists them (boxes in frame pixels). */
  readonly seen?: Pick<MediaResult, 'ocr' | 'objects'>;
  /** Stage-two routing decisions about it (e.g. `ocr` skipped for `no_text_likelihood`). */
  readonly skipped: readonly SkippedExpert[];
}

/** Per-call options of `VigilClassifier.classify`. */
export interface ClassifyOptions {
  /**
   * Frame-expert outputs of media seen before, by sha256. A medium found here (status `ok`, same frame
   * count) skips the frame experts: its outputs are fused as they are, its experts are reported skipped
   * with `cache_hit`, and its media result says `cached: true`.
   */
  readonly cachedMedia?: ReadonlyMap<string, MediaFrameOutputs>;
  /**
   * Receives the frame-expert outputs of each medium with a sha256 that was examined in this call
   * without any frame-expert error (what a cache should keep).
   */
  readonly onMediaOutputs?: (sha256: string, outputs: MediaFrameOutputs) => void;
  /** Called once per expert call (for metrics): items in it, wall time ms, whether it failed for any item. */
  readonly onExpertCall?: (call: { expert: string; items: number; ms: number; failed: boolean }) => void;
  /**
   * Media to route away from the frame experts, by request id → media ids (e.g. media that matched a hash
   * bank): no frame expert reads them, and each expert the router would have run on them is reported
   * skipped with `hash_match`.
   */
  readonly routedAway?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Receives each request's fusion tokens (modality, feature row `[spec.featureDim]`) just before fusion
   * runs: training reads its features through this, so it sees exactly what serving fuses.
   */
  readonly onFusionTokens?: (
    request: number,
    tokens: readonly { modality: Modality; features: Float32Array }[],
  ) => void;
}
