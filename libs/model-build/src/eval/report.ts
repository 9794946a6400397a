import type { CategoryId, InferenceResult } from '@vigil/contracts';
import { targetsOf, type CorpusRecord, type Split } from '../corpus/corpus';
import type { AltTextFigures, PostMetrics } from './case-types';
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

/**
 * One path's per-category metrics at the thresholds, their macro means over the categories with
 * positives, and its cost.
 */
export function modeReport(
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
