import { CATEGORY_IDS, severityOf, type CategoryId, type CategoryScore } from '@vigil/contracts';
import type { FusionSpec } from '../fusion/spec';
import type { DirectScore } from './batch';
import type { Fused } from './fuse';

/**
 * Stage 4, calibrate: a request's category scores. Fusion's scores are calibrated inside its graph
 * (per-category temperature, see fusion/spec.ts) and reported for the categories fusion informs; a
 * category fusion does not inform is reported from the experts that emit it (their highest calibrated
 * score, attributed wholly to the input that gave it). Severity by `severityOf` (cut points 0.2/0.5/0.8).
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
    : [];
  const fromExperts = CATEGORY_IDS.filter((c) => !fusionInforms.has(c) && direct.has(c)).map((category) => {
    const d = direct.get(category)!;
    return {
      category,
      score: d.score,
      severity: severityOf(d.score),
      attribution: [{ modality: d.modality, ...(d.media_id ? { media_id: d.media_id } : {}), weight: 1 }],
    };
  });
  return [...fromFusion, ...fromExperts];
}
