import {
  readBundleManifest,
  type CategoryId,
  type InferenceRequest,
  type InferenceResult,
  type ResizeSpec,
} from '@vigil/contracts';
import {
  IMAGE_STATS_VARIANT,
  loadExperts,
  VigilClassifier,
  type ClassifierOptions,
  type ClassifyOptions,
} from '@vigil/model';
import { imageVariantSpecs } from '@vigil/contracts';
import { loadCorpus, type Split } from '../corpus/corpus';
import { requestFor } from '../corpus/media';
import {
  altTextFigures,
  CASE_TYPES,
  caseTypeOf,
  postMetrics,
  postOutcome,
  type PostMetrics,
} from './case-types';
import { modeReport, type EvalReport, type ExpertCost, type SliceReport } from './report';

export type { EvalReport, ExpertCost, ModeReport, SliceReport } from './report';
export { formatCaseTypes, formatReport } from './format-report';

/** Classifies requests 16 at a time on one path, measuring every expert call. */
async function runPath(
  classifier: VigilClassifier,
  requests: readonly InferenceRequest[],
  mode: 'routed' | 'dense',
): Promise<{ results: InferenceResult[]; cost: ExpertCost }> {
  const perExpert: Record<string, { items: number; ms: number }> = {};
  const onExpertCall: ClassifyOptions['onExpertCall'] = ({ expert, items, ms }) => {
    const e = (perExpert[expert] ??= { items: 0, ms: 0 });
    e.items += items;
    e.ms += ms;
  };
  const results: InferenceResult[] = [];
  for (let i = 0; i < requests.length; i += 16)
    results.push(...(await classifier.classify(requests.slice(i, i + 16), mode, { onExpertCall })));
  const all = Object.entries(perExpert);
  return {
    results,
    cost: {
      invocations: all.filter(([k]) => k !== 'fusion').reduce((a, [, e]) => a + e.items, 0),
      ms: all.reduce((a, [, e]) => a + e.ms, 0),
      perExpert,
    },
  };
}

/**
 * Evaluates a built bundle on one corpus split, routed and dense, with the bundle's image experts
 * (loaded through @vigil/model's expert registry unless `options.experts` is given):
 * per-category precision, recall, F1, AUPRC, false-positive rate at the bundle's thresholds and ECE;
 * per-language macro F1; multimodal detection by harm location; the images-only slice; cost (expert
 * invocations and milliseconds, per expert) of both paths.
 * @param limit evaluate only the first `limit` cases of the split (tests).
 * @param routedOnly run the routed path once and nothing else (no warm-up, no dense path, no separate
 *   images-only runs): the accuracy figures without the cost comparison; `dense` then repeats `routed`.
 */
export async function evaluateBundle(
  bundleDir: string,
  split: Split,
  options: ClassifierOptions,
  limit?: number,
  routedOnly = false,
): Promise<EvalReport> {
  const manifest = readBundleManifest(bundleDir);
  const fusion = manifest.experts.find((e) => e.name === 'fusion')!;
  const thresholds = fusion.params.thresholds as Partial<Record<CategoryId, number>>;
  const categories = fusion.informs;
  const records = loadCorpus()
    .filter((r) => r.split === split)
    .slice(0, limit);
  const variants: ResizeSpec[] = imageVariantSpecs(manifest);
  if (variants.length === 0) variants.push(IMAGE_STATS_VARIANT);
  const requests: InferenceRequest[] = [];
  for (const r of records) requests.push(await requestFor(r, variants));
  const classifier = await VigilClassifier.load(bundleDir, {
    ...options,
    experts: options.experts ?? (await loadExperts(manifest, bundleDir, options.session)).experts,
  });
  // Warm-up (the routed path, and a batch of posts with media dense) before measuring: first runs pay
  // onnxruntime's per-shape allocation and optimisation, which would otherwise land on one path.
  if (!routedOnly) {
    await runPath(classifier, requests, 'routed');
    await runPath(classifier, requests.filter((r) => r.media.length > 0).slice(0, 16), 'dense');
  }
  const routedRun = await runPath(classifier, requests, 'routed');
  const denseRun = routedOnly ? routedRun : await runPath(classifier, requests, 'dense');
  const routedResults = routedRun.results;
  const routed = modeReport(categories, thresholds, records, routedResults, routedRun.cost);
  const dense = modeReport(categories, thresholds, records, denseRun.results, denseRun.cost);
  // Images-only slice, run on its own so that its cost is its own (scores are batch-invariant).
  const slice = records.map((r, i) => ({ r, i })).filter(({ r }) => (r.image || r.video) && !r.text.trim());
  const sliceReport = async (mode: 'routed' | 'dense') => {
    const run = routedOnly
      ? { results: slice.map(({ i }) => routedResults[i]!), cost: routedRun.cost }
      : await runPath(
          classifier,
          slice.map(({ i }) => requests[i]!),
          mode,
        );
    const { perCategory: _, ...rest } = modeReport(
      categories,
      thresholds,
      slice.map(({ r }) => r),
      run.results,
      run.cost,
    );
    return rest;
  };
  const imagesOnly: SliceReport = {
    cases: slice.length,
    routed: await sliceReport('routed'),
    dense: await sliceReport('dense'),
  };
  const perLanguage: EvalReport['perLanguage'] = {};
  for (const lang of [...new Set(records.map((r) => r.lang))].sort()) {
    const idx = records.map((r, i) => (r.lang === lang ? i : -1)).filter((i) => i >= 0);
    const m = modeReport(
      categories,
      thresholds,
      idx.map((i) => records[i]!),
      idx.map((i) => routedResults[i]!),
      routedRun.cost,
    );
    perLanguage[lang] = { cases: idx.length, macroF1: m.macroF1 };
  }
  const multimodal: EvalReport['multimodal'] = {};
  records.forEach((r, i) => {
    if (r.block !== 'multimodal' && r.block !== 'image') return;
    const where = r.harm_in ?? 'none';
    const key = r.audio
      ? `audio+${where}`
      : r.video
        ? `video+${where}`
        : !r.text.trim()
          ? `image-only+${where}`
          : where;
    const entry = (multimodal[key] ??= { cases: 0, caught: 0, positives: 0 });
    entry.cases++;
    const positive = categories.filter((c) => (r.labels[c] ?? 0) >= 2);
    if (positive.length === 0) return;
    entry.positives++;
    const res = routedResults[i]!;
    if (
      positive.some((c) => (res.scores.find((s) => s.category === c)?.score ?? 0) >= (thresholds[c] ?? 0.5))
    )
      entry.caught++;
  });
  const outcomes = records.map((r, i) => postOutcome(r, routedResults[i]!, categories, thresholds));
  const caseTypes: EvalReport['caseTypes'] = {};
  for (const type of CASE_TYPES) {
    const idx = records.map((r, i) => (caseTypeOf(r) === type ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const byLang: Record<string, PostMetrics> = { all: postMetrics(idx.map((i) => outcomes[i]!)) };
    for (const lang of [...new Set(idx.map((i) => records[i]!.lang))].sort())
      byLang[lang] = postMetrics(idx.filter((i) => records[i]!.lang === lang).map((i) => outcomes[i]!));
    caseTypes[type] = byLang;
  }
  const negatives = outcomes.map((o, i) => ({ o, r: records[i]! })).filter(({ o }) => !o.positive);
  const negativeMedia = negatives.filter(({ r }) => r.image || r.video);
  const benign = {
    posts: negatives.length,
    flagged: negatives.filter(({ o }) => o.flagged).length,
    withMedia: negativeMedia.length,
    withMediaFlagged: negativeMedia.filter(({ o }) => o.flagged).length,
  };
  const flaggedNegatives = records.flatMap((r, i) => {
    const o = outcomes[i]!;
    if (o.positive || !o.flagged) return [];
    const over = routedResults[i]!.scores.filter((s) => s.score >= (thresholds[s.category] ?? 0.5));
    const why = over.map((s) => `${s.category} ${s.score.toFixed(2)}`).join(', ');
    return [`${r.id} (${caseTypeOf(r)}, ${r.lang}): ${why} — ${JSON.stringify(r.text.slice(0, 60))}`];
  });
  const objectsEntry = manifest.experts.find((e) => e.runner === 'objects-nanodet');
  const cocoLabels = objectsEntry?.outputs.find((o) => o.labels)?.labels ?? [];
  const altText = altTextFigures(records, routedResults, cocoLabels);
  const notCovered: Record<string, number> = {};
  for (const r of routedResults)
    for (const c of r.coverage.not_covered) notCovered[c] = (notCovered[c] ?? 0) + 1;
  return {
    split,
    routedOnly,
    cases: records.length,
    bundle: `${manifest.name}@${manifest.version}`,
    thresholds,
    routed,
    dense,
    perLanguage,
    multimodal,
    notCovered,
    imagesOnly,
    caseTypes,
    benign,
    flaggedNegatives,
    altText,
  };
}
