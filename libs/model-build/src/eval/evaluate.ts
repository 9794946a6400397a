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
 */
export async function evaluateBundle(
  bundleDir: string,
  split: Split,
  options: ClassifierOptions,
  limit?: number,
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
  await runPath(classifier, requests, 'routed');
  await runPath(classifier, requests.filter((r) => r.media.length > 0).slice(0, 16), 'dense');
  const routedRun = await runPath(classifier, requests, 'routed');
  const denseRun = await runPath(classifier, requests, 'dense');
  const routedResults = routedRun.results;
  const routed = modeReport(categories, thresholds, records, routedResults, routedRun.cost);
  const dense = modeReport(categories, thresholds, records, denseRun.results, denseRun.cost);
  // Images-only slice, run on its own so that its cost is its own (scores are batch-invariant).
  const slice = records.map((r, i) => ({ r, i })).filter(({ r }) => (r.image || r.video) && !r.text.trim());
  const sliceReport = async (mode: 'routed' | 'dense') => {
    const run = await runPath(
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
  const notCovered: Record<string, number> = {};
  for (const r of routedResults)
    for (const c of r.coverage.not_covered) notCovered[c] = (notCovered[c] ?? 0) + 1;
  return {
    split,
    cases: records.length,
    bundle: `${manifest.name}@${manifest.version}`,
    thresholds,
    routed,
    dense,
    perLanguage,
    multimodal,
    notCovered,
    imagesOnly,
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
  lines.push(
    `Not covered (posts): ${
      Object.entries(r.notCovered)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  return lines.join('\n');
}
