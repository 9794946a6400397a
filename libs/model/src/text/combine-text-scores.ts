import { severityOf, type CategoryId, type CategoryScore } from '@vigil/contracts';

/** The text classifier's calibrated scores for one text a post carries. */
export interface TextScoreSource {
  /** `caption` for the post's caption, `image_text` for text read from a medium (OCR). */
  readonly modality: 'caption' | 'image_text';
  readonly media_id?: string;
  /** The text scored (quoted in the attribution for image text, up to 500 characters). */
  readonly text: string;
  /** Calibrated probabilities 0..1, in the order of the classifier's `categories`. */
  readonly scores: Float32Array;
}

/**
 * Combines fusion's category scores with the text classifier's, per category, by the max rule:
 * score = max(fusion score, highest text score over the post's texts). The text classifier is trained on
 * tens of thousands of public and generated texts, fusion on the small multimodal seed corpus, so text
 * judgement comes from the former; images still speak through fusion. Max keeps each source's
 * calibration where it decides (noisy-OR would inflate two moderate scores past either's calibration).
 *
 * When the text score is the higher one, the category's attribution becomes that text (weight 1): the
 * modality behind the score is the caption or the medium whose text drove it. Categories fusion does not
 * report (`fused` lacks them) but the text classifier scores are added.
 *
 * @param fused fusion's scores for the categories it informs (any order)
 * @param categories the text classifier's categories (order of each source's `scores`)
 * @returns one score per category of `fused` ∪ `categories`, fused categories first in their order
 */
export function combineTextScores(
  fused: readonly CategoryScore[],
  categories: readonly CategoryId[],
  sources: readonly TextScoreSource[],
): CategoryScore[] {
  const best = new Map<CategoryId, { score: number; source: TextScoreSource }>();
  categories.forEach((category, c) => {
    for (const source of sources) {
      const score = source.scores[c]!;
      if (score > (best.get(category)?.score ?? -1)) best.set(category, { score, source });
    }
  });
  const out = fused.map((f) => {
    const t = best.get(f.category);
    return t && t.score > f.score ? fromText(f.category, t.score, t.source) : f;
  });
  for (const [category, t] of best)
    if (!fused.some((f) => f.category === category)) out.push(fromText(category, t.score, t.source));
  return out;
}

function fromText(category: CategoryId, score: number, source: TextScoreSource): CategoryScore {
  const rounded = Math.round(score * 1e6) / 1e6;
  return {
    category,
    score: rounded,
    severity: severityOf(rounded),
    attribution: [
      {
        modality: source.modality,
        ...(source.media_id ? { media_id: source.media_id } : {}),
        ...(source.modality === 'image_text' ? { text: source.text.slice(0, 500) } : {}),
        weight: 1,
      },
    ],
  };
}

/** A text of a request to score: request index, where it came from, the text. */
export interface TextItem {
  readonly i: number;
  readonly modality: 'caption' | 'image_text';
  readonly text: string;
  readonly media_id?: string | undefined;
}

/**
 * Scores every non-blank text with the text classifier, grouped by request index.
 * @param score the classifier's batch scorer (`TextClassifier.score`): texts → `[texts][categories]`
 */
export function textScoreSources(
  items: readonly TextItem[],
  score: (texts: readonly string[]) => Float32Array[],
): Map<number, TextScoreSource[]> {
  const kept = items.filter((t) => t.text.trim() !== '');
  const scores = score(kept.map((t) => t.text));
  const out = new Map<number, TextScoreSource[]>();
  kept.forEach(({ i, modality, text, media_id }, j) =>
    out.set(i, [
      ...(out.get(i) ?? []),
      { modality, text, scores: scores[j]!, ...(media_id ? { media_id } : {}) },
    ]),
  );
  return out;
}
