import {
  readBundleManifest,
  type CategoryId,
  type InferenceRequest,
  type InferenceResult,
  type ResizeSpec,
} from '@vigil/contracts';
import { IMAGE_STATS_VARIANT, VigilClassifier, type ClassifierOptions } from '@vigil/model';
import { imageVariantSpecs } from '@vigil/contracts';
import { loadCorpus, targetsOf, type CorpusRecord, type Split } from '../corpus/corpus';
import { requestFor } from '../corpus/media';
import { binaryMetrics, type BinaryMetrics } from './metrics';

export interface ModeReport {
  readonly perCategory: Record<string, BinaryMetrics>;
  readonly macroF1: number;
  readonly macroAuprc: number;
  /** Milliseconds in experts and fusion, summed over posts. */
  readonly expertMs: number;
  /** Expert invocations (items through an expert), summed over posts. */
  readonly expertCalls: number;
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
}

function modeReport(
  categories: readonly CategoryId[],
  thresholds: Partial<Record<CategoryId, number>>,
  records: readonly CorpusRecord[],
  results: readonly InferenceResult[],
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
    expertMs: results.reduce((a, r) => a + r.experts.reduce((b, e) => b + e.ms, 0), 0),
    expertCalls: results.reduce((a, r) => a + r.experts.filter((e) => e.ran).length, 0),
  };
}

/**
 * Evaluates a built bundle on one corpus split, routed and dense: per-category precision, recall, F1,
 * AUPRC, false-positive rate at the bundle's thresholds and ECE; per-language macro F1; multimodal
 * detection by harm location; cost (expert milliseconds and invocations) of both paths.
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
  const classifier = await VigilClassifier.load(bundleDir, options);
  const run = async (mode: 'routed' | 'dense') => {
    const out: InferenceResult[] = [];
    for (let i = 0; i < requests.length; i += 16)
      out.push(...(await classifier.classify(requests.slice(i, i + 16), mode)));
    return out;
  };
  // Each path runs twice and the second pass is measured: first passes pay onnxruntime's per-shape
  // allocation and optimisation, which would otherwise land on whichever path runs first.
  await run('routed');
  await run('dense');
  const routedResults = await run('routed');
  const denseResults = await run('dense');
  const routed = modeReport(categories, thresholds, records, routedResults);
  const dense = modeReport(categories, thresholds, records, denseResults);
  const perLanguage: EvalReport['perLanguage'] = {};
  for (const lang of [...new Set(records.map((r) => r.lang))].sort()) {
    const idx = records.map((r, i) => (r.lang === lang ? i : -1)).filter((i) => i >= 0);
    const m = modeReport(
      categories,
      thresholds,
      idx.map((i) => records[i]!),
      idx.map((i) => routedResults[i]!),
    );
    perLanguage[lang] = { cases: idx.length, macroF1: m.macroF1 };
  }
  const multimodal: EvalReport['multimodal'] = {};
  records.forEach((r, i) => {
    if (r.block !== 'multimodal') return;
    const key = r.audio ? `audio+${r.harm_in}` : (r.harm_in ?? 'none');
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
  lines.push('| path | macro F1 | macro AUPRC | expert invocations | expert + fusion ms |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const [name, m] of [
    ['routed', r.routed],
    ['dense', r.dense],
  ] as const)
    lines.push(
      `| ${name} | ${f(m.macroF1)} | ${f(m.macroAuprc)} | ${m.expertCalls} | ${m.expertMs.toFixed(0)} |`,
    );
  lines.push(
    `| routed / dense | | | ${f(r.routed.expertCalls / Math.max(r.dense.expertCalls, 1))} | ${f(r.routed.expertMs / Math.max(r.dense.expertMs, 1e-9))} |`,
  );
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
