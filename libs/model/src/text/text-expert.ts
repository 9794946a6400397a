import { FEATURE_LANGUAGES, type LanguageIdentifier } from './language';
import { LEXICON_FEATURES, lexiconFeatures } from './lexicon';
import { normalizeText } from './normalize';
import type { SentenceEncoder } from './encoder';

/** What the text expert reads from one text (a caption, an OCR line group, a transcript). */
export interface TextAnalysis {
  /** Normalised text (what the encoder and lexicon saw). */
  readonly normalized: string;
  readonly rewrites: number;
  readonly emoji: readonly string[];
  readonly lang: string;
  readonly langConfidence: number;
  /** Fusion features: `[TEXT_FEATURE_DIM]` = sentence embedding ‖ lexicon ‖ language one-hot. */
  readonly features: Float32Array;
}

/** Width of the text expert's fusion features for an encoder of `embeddingDim`. */
export function textFeatureDim(embeddingDim: number): number {
  return embeddingDim + LEXICON_FEATURES.length + FEATURE_LANGUAGES.length + 1;
}

/**
 * The text expert: normalisation → language identification → lexicon signals → sentence embedding,
 * batched over texts (all of a batch go through the encoder in one onnxruntime run).
 */
export class TextExpert {
  constructor(
    private readonly encoder: SentenceEncoder,
    private readonly languages: LanguageIdentifier,
  ) {}

  get featureDim(): number {
    return textFeatureDim(this.encoder.dim);
  }

  /** Analyses a batch of texts; the result is in input order. Empty texts still get a vector. */
  async analyze(texts: readonly string[]): Promise<TextAnalysis[]> {
    const vocab = this.encoder.tokenizer.vocab;
    const normalized = texts.map((t) => normalizeText(t, (w) => vocab.has(w)));
    const langs = await Promise.all(normalized.map((n) => this.languages.identify(n.text)));
    const embeddings = await this.encoder.encode(normalized.map((n) => n.text));
    return normalized.map((n, i) => {
      const features = new Float32Array(this.featureDim);
      features.set(embeddings[i]!, 0);
      features.set(lexiconFeatures(n.text, n.rewrites, n.emoji), this.encoder.dim);
      const langIndex = FEATURE_LANGUAGES.indexOf(langs[i]!.lang as (typeof FEATURE_LANGUAGES)[number]);
      features[
        this.encoder.dim + LEXICON_FEATURES.length + (langIndex >= 0 ? langIndex : FEATURE_LANGUAGES.length)
      ] = 1;
      return {
        normalized: n.text,
        rewrites: n.rewrites,
        emoji: n.emoji,
        lang: langs[i]!.lang,
        langConfidence: langs[i]!.confidence,
        features,
      };
    });
  }
}
