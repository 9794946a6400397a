import type { ExpertEntry } from '@vigil/contracts';
import { ExpertConfigError, isStrings, outputLabels, param, sessionFor, type ExpertRunner } from '../expert';
import { imagesToTensor, variantFor, type FrameInput } from '../image';
import { ort, type SessionOptions } from '../session';

/** NSFW classification of one image. */
export interface NsfwResult {
  /** Probability per label (manifest `outputs[probabilities].labels`), summing to 1. */
  readonly probabilities: Record<string, number>;
  /** Label with the highest probability. */
  readonly top: string;
  /** Sum over `params.sexual_labels` (e.g. Porn + Hentai + Sexy), 0..1. */
  readonly sexual: number;
  /** Sum over `params.explicit_labels` (Porn + Hentai), 0..1. */
  readonly explicit: number;
  /** Sum over `params.drawing_labels` (Drawing + Hentai): likelihood the image is not a photo. */
  readonly drawing: number;
  /** Pooled features `[1280]` for the fusion model. */
  readonly embedding: Float32Array;
}

/**
 * Runs the `nsfw` expert (nsfwjs MobileNetV2 converted to ONNX) on a batch of frames: input
 * `[batch, 224, 224, 3]` float32 RGB 0..1 built from each frame's manifest variant; outputs
 * `probabilities [batch, 5]` and `embedding [batch, 1280]`.
 */
export class NsfwRunner implements ExpertRunner {
  private constructor(
    readonly entry: ExpertEntry,
    private readonly session: ort.InferenceSession,
    private readonly labels: string[],
  ) {}

  /** @throws ExpertConfigError when the entry lacks preprocessing, labels or parameters; onnxruntime errors. */
  static async create(entry: ExpertEntry, bundleDir: string, options: SessionOptions): Promise<NsfwRunner> {
    if (!entry.preprocess) throw new ExpertConfigError(entry.name, 'no preprocess');
    const labels = outputLabels(entry, 'probabilities');
    return new NsfwRunner(entry, await sessionFor(entry, 'model', bundleDir, options), labels);
  }

  /** Classifies `frames` in one onnxruntime call. @throws MissingVariantError. */
  async run(frames: readonly FrameInput[]): Promise<NsfwResult[]> {
    if (frames.length === 0) return [];
    const pre = this.entry.preprocess!;
    const images = frames.map((f) => variantFor(f, pre.resize));
    const x = imagesToTensor(images, pre, [pre.resize.height, pre.resize.width]);
    const out = await this.session.run({
      [this.entry.inputs[0]!.name]: new ort.Tensor('float32', x.data, x.dims),
    });
    const probs = out.probabilities!.data as Float32Array;
    const emb = out.embedding!.data as Float32Array;
    const k = this.labels.length;
    const dim = emb.length / frames.length;
    const sum = (p: Record<string, number>, path: string) =>
      param(this.entry, path, isStrings).reduce((s, l) => s + (p[l] ?? 0), 0);
    return frames.map((_, b) => {
      const probabilities = Object.fromEntries(this.labels.map((l, i) => [l, probs[b * k + i]!]));
      const top = this.labels.reduce(
        (best, l) => (probabilities[l]! > probabilities[best]! ? l : best),
        this.labels[0]!,
      );
      return {
        probabilities,
        top,
        sexual: sum(probabilities, 'sexual_labels'),
        explicit: sum(probabilities, 'explicit_labels'),
        drawing: sum(probabilities, 'drawing_labels'),
        embedding: emb.slice(b * dim, (b + 1) * dim),
      };
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
