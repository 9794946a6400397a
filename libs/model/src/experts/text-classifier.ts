import { join } from 'node:path';
import { ExpertConfigError } from '../expert';
import type { BundleManifest, CategoryId } from '@vigil/contracts';
import type { SessionOptions } from '../session';
import { SentenceEncoder } from '../text/encoder';
import { normalizeText } from '../text/normalize';
import { TextClassifier } from '../text/text-classifier';
import type { Expert, ExpertModule, ExpertOutput } from './contract';

/**
 * `text-classifier` (runner `text-classifier`): per-category calibrated scores of the caption, of the text
 * read from images and of the words a speech-to-text expert heard in audio (hashed word and character n-grams
 * ‖ lexicon → one-vs-rest logistic regression → Platt scaling; with the `text` expert's sentence embedding
 * when the weights read one; see `TextClassifier` and docs/model-card.md). Its scores stand against fusion's
 * by the max rule (`combine: 'max'`): fusion learned from a small multimodal corpus, this expert from tens of
 * thousands of public and generated texts, so text judgement comes from here while images still speak through
 * fusion; on a caption-only post fusion's score also needs this expert's agreement
 * (`FUSION_CAPTION_AGREEMENT`, classify/calibrate.ts). Scores ≥ max(`TEXT_CLASSIFIER_FLOOR`, the category's
 * dev threshold) (its gate) are reported as they are; lower ones are scaled under `TEXT_SUB_GATE_CEILING`, so
 * they still rank posts (score-based metrics, tenant policies with their own thresholds) without reaching any
 * rung of the default policy. No fusion features. Runs on every caption, every image text and every
 * transcript; its embedding comes from the encoder the `text` expert shares with it (usually from that
 * expert's memo), the rest is a sparse dot product (≈ 1 ms).
 */
/**
 * A text score is reported as it is only from this floor up, and only from its category's dev threshold up
 * (`params.thresholds`: precision ≥ 0.85 on dev, raised until at most 8% of the dev hard negatives reach
 * some category's threshold), whichever is higher. Chosen on the train and dev splits of Vigil's
 * hand-written seed corpus (captions the text classifier never trains on), text scores alone at their gates
 * (`npm run eval -- --probes seed --floor <x>`, train and dev rows summed), as the lowest floor that flags
 * none of its 60 benign captions: the weights of 2026-12-07 (second training) flag 66% of the 188 harmful
 * captions, 2.9% of the 346 hard negatives and no benign caption at 0.7 (0.8: 64%, 2.0%, none; 0.6: 69%,
 * 3.5%, 1 of 60).
 */
export const TEXT_CLASSIFIER_FLOOR = 0.7;

/**
 * Below its gate a text score s is reported as `TEXT_SUB_GATE_CEILING · s / gate`: monotone, so the
 * ranking of posts by a category's score keeps the text classifier's order, and always under 0.35, which
 * is below the lowest rung any text category has in the default policy (0.4: self-harm label,
 * self-harm/intent review). Such a score is a rank, not a probability; a tenant policy with rungs under
 * 0.35 acts on it (docs/model-card.md, "How it reaches the verdict").
 */
export const TEXT_SUB_GATE_CEILING = 0.35;

/**
 * The score the expert reports for a calibrated text probability: itself from the gate up, scaled under
 * `TEXT_SUB_GATE_CEILING` below it. Both 0..1.
 */
export function reportedTextScore(score: number, gate: number): number {
  return score >= gate ? score : (TEXT_SUB_GATE_CEILING * score) / gate;
}

export const textClassifierModule: ExpertModule = {
  runner: 'text-classifier',
  core: true,
  async load({ entry, manifest, bundleDir, session }): Promise<Expert> {
    const file = entry.files.weights;
    if (!file) throw new ExpertConfigError(entry.name, 'no file with role "weights"');
    const classifier = TextClassifier.load(join(bundleDir, file));
    const categories = classifier.categories;
    const embed = await embedderFor(classifier, manifest, bundleDir, session, entry.name);
    const gates = categories.map((_, ci) =>
      Math.max(TEXT_CLASSIFIER_FLOOR, classifier.file.thresholds[ci] ?? TEXT_CLASSIFIER_FLOOR),
    );
    return {
      name: entry.name,
      modality: 'caption',
      reads: ['caption', 'ocr_text', 'transcript'],
      emits: { categories, features: 0 },
      combine: 'max',
      cost: { tier: 'screen', msPerItem: 1 },
      async run(inputs) {
        const texts = inputs as readonly string[];
        const kept = texts.map((t, k) => ({ t, k })).filter(({ t }) => t.trim() !== '');
        const keptTexts = kept.map(({ t }) => t);
        const scored = classifier.score(keptTexts, await embed(keptTexts));
        const out: ExpertOutput[] = texts.map(() => ({}));
        kept.forEach(({ k }, j) => {
          const row = scored[j]!;
          const reported = categories.map((c, ci) => [c, reportedTextScore(row[ci]!, gates[ci]!)]);
          out[k] = { scores: Object.fromEntries(reported) as Partial<Record<CategoryId, number>> };
        });
        return out;
      },
    };
  },
};

/**
 * What gives the classifier its sentence embeddings: the bundle's `text` expert encoder (runner
 * `sentence-encoder`), shared with that expert, over the text normalised as that expert normalises it.
 * A classifier trained without embeddings gets none.
 * @throws ExpertConfigError when the classifier needs embeddings and the bundle has no encoder of its width.
 */
async function embedderFor(
  classifier: TextClassifier,
  manifest: BundleManifest,
  bundleDir: string,
  session: SessionOptions,
  name: string,
): Promise<(texts: readonly string[]) => Promise<Float32Array[] | undefined>> {
  if (classifier.embeddingDim === 0) return () => Promise.resolve(undefined);
  const text = manifest.experts.find((e) => e.runner === 'sentence-encoder');
  const dim = Number(text?.params.embedding_dim);
  if (!text?.files.model || !text.files.tokenizer || dim !== classifier.embeddingDim)
    throw new ExpertConfigError(name, `needs a sentence encoder of width ${classifier.embeddingDim}`);
  const encoder = await SentenceEncoder.shared(
    join(bundleDir, text.files.model),
    join(bundleDir, text.files.tokenizer),
    dim,
    session,
  );
  const isWord = (w: string) => encoder.tokenizer.vocab.has(w);
  return (texts) => encoder.encode(texts.map((t) => normalizeText(t, isWord).text));
}
