import { readFileSync } from 'node:fs';
import { CATEGORY_IDS, type CategoryId } from '@vigil/contracts';
import { textClassifierFeatures, textFeatureCount, type SparseFeatures } from './text-features';

/** Format tag of the text classifier's weights file. */
export const TEXT_CLASSIFIER_FORMAT = 'vigil-text-classifier/1';

/**
 * The text classifier's weights file (JSON), written by `npm run models:train-text`: one-vs-rest logistic
 * regression over `textClassifierFeatures`, then Platt scaling per category.
 */
export interface TextClassifierFile {
  readonly format: typeof TEXT_CLASSIFIER_FORMAT;
  /** Hash buckets of the features (a power of two). */
  readonly hashBuckets: number;
  /**
   * Width of the sentence embedding appended to the features (`textClassifierFeatures`): the bundle's
   * `text` expert encoder (all-MiniLM-L6-v2, 384) over the normalised text. Absent or 0: none.
   */
  readonly embeddingDim?: number;
  /**
   * Feature mass (Σ log1p(count)² of the hashed n-grams) under which a short text's n-grams and embedding
   * are damped (`textClassifierFeatures`). Absent or 0: none.
   */
  readonly minFeatureMass?: number;
  /** Categories scored, in output order. */
  readonly categories: readonly CategoryId[];
  /** int8 weights `[categories, textFeatureCount(hashBuckets, embeddingDim)]` row-major, base64; w = q × scale[c]. */
  readonly weights: string;
  readonly scale: readonly number[];
  readonly bias: readonly number[];
  /** Platt scaling per category on the dev split: p = sigmoid(a × logit + b) (Platt 1999). */
  readonly platt: readonly { readonly a: number; readonly b: number }[];
  /** Per category: the lowest calibrated score whose dev precision reaches `targetPrecision` (else best dev F1). */
  readonly thresholds: readonly number[];
  readonly targetPrecision: number;
  /** How it was trained (data, sizes, hyper-parameters): for the model card. */
  readonly training: Readonly<Record<string, unknown>>;
}

/** Thrown when a weights file is not a valid text classifier file. */
export class TextClassifierFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextClassifierFormatError';
  }
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Runs the text classifier: raw text → calibrated per-category probabilities. Pure TypeScript over a
 * sparse dot product (≈ 1–2 k non-zero features per caption), no onnxruntime session.
 */
export class TextClassifier {
  private readonly q: Int8Array;
  private readonly width: number;

  constructor(readonly file: TextClassifierFile) {
    if (file.format !== TEXT_CLASSIFIER_FORMAT)
      throw new TextClassifierFormatError(`unknown text classifier format ${String(file.format)}`);
    const unknown = file.categories.filter((c) => !CATEGORY_IDS.includes(c));
    if (unknown.length > 0) throw new TextClassifierFormatError(`unknown categories ${unknown.join(', ')}`);
    this.width = textFeatureCount(file.hashBuckets, file.embeddingDim ?? 0);
    const bytes = Buffer.from(file.weights, 'base64');
    if (bytes.length !== this.width * file.categories.length)
      throw new TextClassifierFormatError(
        `weights hold ${bytes.length} bytes, expected ${this.width * file.categories.length}`,
      );
    this.q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** Loads a weights file. @throws TextClassifierFormatError, or the fs/JSON error of a bad path. */
  static load(path: string): TextClassifier {
    return new TextClassifier(JSON.parse(readFileSync(path, 'utf8')) as TextClassifierFile);
  }

  get categories(): readonly CategoryId[] {
    return this.file.categories;
  }

  /** Width of the sentence embedding `score` needs per text (0: none). */
  get embeddingDim(): number {
    return this.file.embeddingDim ?? 0;
  }

  /** Raw logits `[categories]` of one feature vector. */
  logits(features: SparseFeatures): Float32Array {
    const C = this.file.categories.length;
    const out = new Float32Array(C);
    for (let c = 0; c < C; c++) {
      const row = c * this.width;
      let z = 0;
      for (let j = 0; j < features.index.length; j++)
        z += this.q[row + features.index[j]!]! * features.value[j]!;
      out[c] = z * this.file.scale[c]! + this.file.bias[c]!;
    }
    return out;
  }

  /** Calibrated probabilities `[categories]` (0..1, category order of `categories`) for one logit row. */
  calibrate(logits: Float32Array): Float32Array {
    return logits.map((z, c) => sigmoid(this.file.platt[c]!.a * z + this.file.platt[c]!.b));
  }

  /**
   * Calibrated per-category probabilities of each text, in input order: `[texts][categories]` float32,
   * 0..1. An empty or whitespace-only text scores from the lexicon's constant features only.
   * @param embeddings one `[embeddingDim]` sentence embedding per text, in input order, when the
   *   classifier reads them (`embeddingDim > 0`).
   * @throws TextClassifierFormatError when embeddings are needed and missing or of the wrong width.
   */
  score(texts: readonly string[], embeddings?: readonly Float32Array[]): Float32Array[] {
    const dim = this.embeddingDim;
    if (dim > 0 && (embeddings?.length !== texts.length || embeddings.some((e) => e.length !== dim)))
      throw new TextClassifierFormatError(`the text classifier needs one ${dim}-wide embedding per text`);
    return texts.map((t, i) =>
      this.calibrate(
        this.logits(
          textClassifierFeatures(
            t,
            this.file.hashBuckets,
            dim > 0 ? embeddings![i] : undefined,
            this.file.minFeatureMass ?? 0,
          ),
        ),
      ),
    );
  }
}
