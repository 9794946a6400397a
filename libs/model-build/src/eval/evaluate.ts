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
import { loadCorpus, targetsOf, type CorpusRecord, type Split } from '../corpus/corpus';
import { requestFor } from '../corpus/media';
import {
  altTextFigures,
  CASE_TYPES,
  caseTypeOf,
  postMetrics,
  postOutcome,
  type AltTextFigures,
  type PostMetrics,
} from './case-types';
import { binaryMetrics, type BinaryMetrics } from './metrics';

/** What the experts cost on one path: items through each expert and the wall time of its calls. */
export interface ExpertCost {
  /** Items through an expert (captions and OCR texts, frames, clips), every expert but fusion. */
  readonly invocations: number;
  /** Wall time of every expert call, fusion included, ms. */
  readonly ms: number;
  /** Per expert (fusion included: its items are the posts fused). */
  readonly perExpert: Record<string, { items: number; ms: number }>;
}

export interface ModeReport extends ExpertCost {
  readonly perCategory: Record<string, BinaryMetrics>;
  readonly macroF1: number;
  readonly macroAuprc: number;
}

/** A slice of the split (e.g. posts with an image or video and no caption) on both paths. */
export interface SliceReport {
  readonly cases: number;
  readonly routed: Omit<ModeReport, 'perCategory'>;
  readonly dense: Omit<ModeReport, 'perCategory'>;
}

export interface EvalReport {
  readonly split: Split;
  /** Only the routed path ran (`dense` repeats it; no cost comparison). */
  readonly routedOnly: boolean;
  readonly cases: number;
  readonly bundle: string;
  readonly thresholds: Partial<Record<CategoryId, number>>;
  readonly routed: ModeReport;
  readonly dense: ModeReport;
  /** Macro F1 per language (routed). */
  readonly perLanguage: Record<string, { cases: number; macroF1: number }>;
  /** Multimodal cases by where the harm is: how many positives the routed path caught at the thresholds. */
  readonly multimodal: Record<string, { cases: number; caught: number; positives: number }>;
  /** How often each category was not covered, over the evaluated posts. */
  readonly notCovered: Record<string, number>;
  /** Posts with an image or video and an empty caption: only the image experts can see their harm. */
  readonly imagesOnly: SliceReport;
  /** Post-level figures (routed) per case type, overall (`all`) and per language (see ./case-types.ts). */
  readonly caseTypes: Record<string, Record<string, PostMetrics>>;
  /** Posts without a positive label: all, and those with an image or video, and how many were flagged. */
  readonly benign: { posts: number; flagged: number; withMedia: number; withMediaFlagged: number };
  /** Each flagged negative post: id, case type, language, the categories over threshold with scores. */
  readonly flaggedNegatives: readonly string[];
  /** Alt-text subject, wrong-object and quote rates (routed). */
  readonly altText: AltTextFigures;
}

function modeReport(
  categories: readonly CategoryId[],
  thresholds: Partial<Record<CategoryId, number>>,
  records: readonly CorpusRecord[],
  results: readonly InferenceResult[],
  cost: ExpertCost,
): ModeReport {
  const perCategory: Record<string, BinaryMetrics> = {};
  for (const c of categories) {
    const scores = results.map((r) => r.scores.find((s) => s.category === c)?.score ?? 0);
    const labels = records.map((rec) => targetsOf(rec, [c])[0]!);
    perCategory[c] = binaryMetrics(scores, labels, thresholds[c] ?? 0.5);
  }
  const list = Object.values(perCategory).filter((m) => m.positives > 0);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  return {
    perCategory,
    macroF1: mean(list.map((m) => m.f1)),
    macroAuprc: mean(list.map((m) => m.auprc)),
    ...cost,
  };
}

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

const f = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(2));

/** The eval report as Markdown tables (what `npm run eval` prints and the README shows). */
export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    `Evaluation of ${r.bundle} on the ${r.split} split (${r.cases} cases), routed path, default thresholds`,
  );
  lines.push('');
  lines.push('| category | positives | threshold | precision | recall | F1 | AUPRC | FPR | ECE |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [c, m] of Object.entries(r.routed.perCategory))
    lines.push(
      `| ${c} | ${m.positives} | ${f(r.thresholds[c as CategoryId] ?? 0.5)} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.auprc)} | ${f(m.fpr)} | ${f(m.ece)} |`,
    );
  lines.push('');
  if (r.routedOnly) lines.push('(routed path only: no dense path, no cost comparison)');
  else lines.push(...costTables(r));
  lines.push('');
  lines.push(
    `Per language (macro F1, routed): ${Object.entries(r.perLanguage)
      .map(([l, v]) => `${l} ${f(v.macroF1)} (${v.cases})`)
      .join(', ')}`,
  );
  lines.push(
    `Multimodal cases (positives caught / positives): ${
      Object.entries(r.multimodal)
        .map(([k, v]) => `${k} ${v.caught}/${v.positives} of ${v.cases}`)
        .join(', ') || 'none'
    }`,
  );
  lines.push('');
  lines.push(formatCaseTypes(r));
  lines.push(
    `Not covered (posts): ${
      Object.entries(r.notCovered)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  return lines.join('\n');
}

/** Macro figures and cost of the routed and dense paths, all posts and images only; per-expert cost. */
function costTables(r: EvalReport): string[] {
  const lines: string[] = [];
  lines.push('| posts | path | macro F1 | macro AUPRC | expert invocations | expert + fusion ms |');
  lines.push('|---|---|---:|---:|---:|---:|');
  for (const [posts, routed, dense] of [
    [`all (${r.cases})`, r.routed, r.dense],
    [`images only (${r.imagesOnly.cases})`, r.imagesOnly.routed, r.imagesOnly.dense],
  ] as const) {
    for (const [name, m] of [
      ['routed', routed],
      ['dense', dense],
    ] as const)
      lines.push(
        `| ${posts} | ${name} | ${f(m.macroF1)} | ${f(m.macroAuprc)} | ${m.invocations} | ${m.ms.toFixed(0)} |`,
      );
    lines.push(
      `| ${posts} | routed / dense | | | ${f(routed.invocations / Math.max(dense.invocations, 1))} | ${f(routed.ms / Math.max(dense.ms, 1e-9))} |`,
    );
  }
  lines.push('');
  lines.push('| expert | routed items | dense items | routed ms | dense ms |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const name of [...new Set([...Object.keys(r.routed.perExpert), ...Object.keys(r.dense.perExpert)])]) {
    const a = r.routed.perExpert[name] ?? { items: 0, ms: 0 };
    const b = r.dense.perExpert[name] ?? { items: 0, ms: 0 };
    lines.push(`| ${name} | ${a.items} | ${b.items} | ${a.ms.toFixed(0)} | ${b.ms.toFixed(0)} |`);
  }
  return lines;
}

const pct = (n: number, d: number) => (d ? `${n}/${d} (${((100 * n) / d).toFixed(0)} %)` : '–');

/** The per-case-type table, the benign flag rates and the alt-text rates. */
export function formatCaseTypes(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    'Per case type and language (post level, routed: caught = a positive category at its threshold; flagged = any category)',
  );
  lines.push('');
  lines.push(
    '| case type | language | posts | positives | precision | recall | F1 | AUPRC | negatives flagged |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [type, byLang] of Object.entries(r.caseTypes))
    for (const [lang, m] of Object.entries(byLang))
      lines.push(
        `| ${type} | ${lang} | ${m.posts} | ${m.positives} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.auprc)} | ${f(m.flaggedNegatives)} |`,
      );
  lines.push('');
  lines.push(
    `Benign posts flagged: ${pct(r.benign.flagged, r.benign.posts)}; with an image or video: ${pct(r.benign.withMediaFlagged, r.benign.withMedia)}`,
  );
  const a = r.altText;
  lines.push(
    `Alt-text: names the main subject ${pct(a.subjectNamed, a.subjectPosts)} of images with a nameable subject; names an object not in the photo ${pct(a.wrongObject, a.images)} of images; quotes the meme text ${pct(a.quoted, a.memes)} of memes (${pct(a.quotedIgnoringSpaces, a.memes)} ignoring spaces and punctuation)`,
  );
  return lines.join('\n');
}
