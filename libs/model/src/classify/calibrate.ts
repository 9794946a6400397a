import { CATEGORY_IDS, severityOf, type CategoryId, type CategoryScore } from '@vigil/contracts';
import type { FusionSpec } from '../fusion/spec';
import type { DirectScore } from './batch';
import type { Fused } from './fuse';

/**
 * Where fusion's score of a category comes from text — a post fusion read from its caption alone, or a
 * score more than half of whose attribution (leave-one-modality-out) is the caption and the image's text —
 * it counts, for a category the text classifier also scores, only where the text classifier's reported
 * score is at least this (0.06 on its reported scale: about 0.12 of calibrated probability under a 0.7
 * gate, see `reportedTextScore`); below it the text classifier's own score is the post's. Fusion learned
 * wording from ~1,000 hand-written posts, the text classifier from ~125,000 texts: on caption-only texts
 * neither model trained on, fusion alone flagged (default policy, any action) 10% of the 90 harmless texts
 * of probe set B against 1% for the text classifier, while adding 3 of 110 harmful ones. The level is the
 * best F1 over the selection sets (seed corpus dev captions and probe set A; sweep 0 to 0.3); the
 * extension to image text was checked on the seed corpus' dev split (meme precision 0.91 → 1.00, recall
 * and interplay unchanged) before the test split was run (docs/model-card.md, "Fusion on captions alone").
 */
export const FUSION_CAPTION_AGREEMENT = 0.06;

/**
 * Stage 4, calibrate: a request's category scores. Fusion's scores are calibrated inside its graph
 * (per-category temperature, see fusion/spec.ts) and reported for the categories fusion informs; a
 * category fusion does not inform is reported from the experts that emit it (their highest calibrated
 * score, attributed wholly to the input that gave it). An expert with `combine: 'max'` (the text
 * classifier) also stands against fusion: the higher score wins, and where fusion's score comes from text
 * it needs the text classifier's agreement (`FUSION_CAPTION_AGREEMENT`). Severity by `severityOf` (0.2/0.5/0.8).
 * @returns scores in `spec.categories` order, then expert-emitted ones in taxonomy order.
 */
export function calibratedScores(
  spec: FusionSpec,
  fusionInforms: ReadonlySet<CategoryId>,
  fused: Fused | undefined,
  direct: ReadonlyMap<CategoryId, DirectScore>,
): CategoryScore[] {
  const fromFusion: CategoryScore[] = fused
    ? spec.categories
        .map((category, c) => ({
          category,
          score: fused.scores[c]!,
          severity: severityOf(fused.scores[c]!),
          attribution: fused.attribution[c]!,
        }))
        .filter((x) => fusionInforms.has(x.category))
        .map((x) => {
          const d = direct.get(x.category);
          if (!d?.max) return x;
          const textShare = x.attribution
            .filter((a) => a.modality === 'caption' || a.modality === 'image_text')
            .reduce((sum, a) => sum + a.weight, 0);
          const textDriven = fused.modalities.every((m) => m === 'caption') || textShare > 0.5;
          if (d.score > x.score || (textDriven && d.score < FUSION_CAPTION_AGREEMENT))
            return fromDirect(x.category, d);
          return x;
        })
    : [];
  const fromExperts = CATEGORY_IDS.filter(
    (c) => direct.has(c) && (!fusionInforms.has(c) || (!fused && direct.get(c)!.max)),
  ).map((category) => fromDirect(category, direct.get(category)!));
  return [...fromFusion, ...fromExperts];
}

function fromDirect(category: CategoryId, d: DirectScore): CategoryScore {
  const score = Math.round(d.score * 1e6) / 1e6;
  return {
    category,
    score,
    severity: severityOf(score),
    attribution: [
      {
        modality: d.modality,
        ...(d.media_id ? { media_id: d.media_id } : {}),
        ...(d.text ? { text: d.text } : {}),
        weight: 1,
      },
    ],
  };
}
