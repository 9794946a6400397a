import type { CategoryId } from '@vigil/contracts';
import { TEXT_CLASSIFIER_FLOOR, TextClassifier, type TextClassifierFile } from '@vigil/model';
import { binaryMetrics, expectedCalibrationError, type BinaryMetrics } from '../eval/metrics';
import type { TextCase } from '../text-data/types';
import { embeddingOf, trainTextClassifier, type TextTrainOptions } from './train-text';

/** Languages the text section reports on (Vigil's claimed languages first). */
export const CLAIMED_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt'] as const;

/** The text section of `npm run eval`: all figures on held-out templates (the `test` split) only. */
export interface TextEvalReport {
  /** The split scored: `test` (held-out templates) unless options are being compared on `dev`. */
  readonly split: 'dev' | 'test';
  readonly testCases: number;
  /** Per category × language, at the file's dev-chosen thresholds. */
  readonly cells: readonly { category: CategoryId; lang: string; metrics: BinaryMetrics }[];
  /** Per language: macro-F1 and macro-AUPRC over the categories with ≥ 5 test positives there. */
  readonly languages: readonly { lang: string; macroF1: number; macroAuprc: number; categories: number }[];
  /** Per category over all languages: ECE (10 bins) of the calibrated scores, AUPRC, F1. */
  readonly categories: readonly {
    category: CategoryId;
    ece: number;
    auprc: number;
    f1: number;
    threshold: number;
  }[];
  /** Hard negatives of the test split: cases and how many any category they are labelled 0 for flagged. */
  readonly hardNegatives: {
    cases: number;
    flagged: number;
    fpr: number;
    /** Flagged at the serving gate, max(`TEXT_CLASSIFIER_FLOOR`, dev threshold), as the verdict sees them. */
    flaggedAtGate: number;
    byFunctionality: Record<string, [number, number]>;
  };
  /** Davidson test tweets: hate and profanity F1. */
  readonly davidson?: { cases: number; hateF1: number; profanityF1: number };
  /** English HateCheck with a model trained without it: accuracy per functionality (hate ≥ threshold vs gold). */
  readonly hatecheck?: {
    cases: number;
    accuracy: number;
    byFunctionality: Record<string, { cases: number; accuracy: number }>;
  };
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Scores `[cases][categories]` of cases under a weights file. */
export function scoreCases(
  file: TextClassifierFile,
  cases: readonly TextCase[],
  embeddings?: ReadonlyMap<string, Float32Array>,
): Float32Array[] {
  const texts = cases.map((c) => c.text);
  return new TextClassifier(file).score(
    texts,
    file.embeddingDim ? texts.map((t) => embeddingOf(embeddings, t)!) : undefined,
  );
}

/**
 * Evaluates a weights file on the corpus' test split (or `split`: `dev` to compare training options
 * without looking at test), and (when `holdOutHateCheck` options are given) trains a second model without
 * English HateCheck to report its functional tests as outside data.
 */
export function evaluateTextClassifier(
  file: TextClassifierFile,
  corpus: readonly TextCase[],
  holdOutHateCheck?: TextTrainOptions,
  embeddings?: ReadonlyMap<string, Float32Array>,
  split: 'dev' | 'test' = 'test',
): TextEvalReport {
  const test = corpus.filter((c) => c.split === split);
  const scores = scoreCases(file, test, embeddings);
  const cats = file.categories;
  const cells: { category: CategoryId; lang: string; metrics: BinaryMetrics }[] = [];
  const langs = [...new Set(test.map((c) => c.lang))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const column = (c: number, filter: (t: TextCase) => boolean) => {
    const idx = test.flatMap((t, i) => (t.labels[cats[c]!] !== undefined && filter(t) ? [i] : []));
    return { s: idx.map((i) => scores[i]![c]!), y: idx.map((i) => test[i]!.labels[cats[c]!]!) };
  };
  cats.forEach((category, c) => {
    for (const lang of langs) {
      const { s, y } = column(c, (t) => t.lang === lang);
      if (y.filter((v) => v === 1).length === 0) continue;
      cells.push({ category, lang, metrics: binaryMetrics(s, y, file.thresholds[c]!) });
    }
  });
  const languages = langs.map((lang) => {
    const own = cells.filter((x) => x.lang === lang && x.metrics.positives >= 5);
    return {
      lang,
      macroF1: mean(own.map((x) => x.metrics.f1)),
      macroAuprc: mean(own.map((x) => x.metrics.auprc)),
      categories: own.length,
    };
  });
  const categories = cats.map((category, c) => {
    const { s, y } = column(c, () => true);
    const m = binaryMetrics(s, y, file.thresholds[c]!);
    return {
      category,
      ece: expectedCalibrationError(s, y),
      auprc: m.auprc,
      f1: m.f1,
      threshold: file.thresholds[c]!,
    };
  });
  const byFunctionality: Record<string, [number, number]> = {};
  let flagged = 0;
  let flaggedAtGate = 0;
  let hard = 0;
  const gates = file.thresholds.map((t) => Math.max(TEXT_CLASSIFIER_FLOOR, t));
  test.forEach((t, i) => {
    if (!t.hardNegative) return;
    hard++;
    const hit = cats.some((k, c) => t.labels[k] === 0 && scores[i]![c]! >= file.thresholds[c]!);
    if (hit) flagged++;
    if (cats.some((k, c) => t.labels[k] === 0 && scores[i]![c]! >= gates[c]!)) flaggedAtGate++;
    const entry = (byFunctionality[t.functionality] ??= [0, 0]);
    entry[0]++;
    if (hit) entry[1]++;
  });
  const report: TextEvalReport = {
    split,
    testCases: test.length,
    cells,
    languages,
    categories,
    hardNegatives: { cases: hard, flagged, fpr: hard ? flagged / hard : NaN, flaggedAtGate, byFunctionality },
  };
  const davidson = test.flatMap((t, i) => (t.source === 'davidson' ? [i] : []));
  const f1Of = (k: CategoryId, idx: number[]) => {
    const c = cats.indexOf(k);
    if (c < 0) return NaN;
    const known = idx.filter((i) => test[i]!.labels[k] !== undefined);
    return binaryMetrics(
      known.map((i) => scores[i]![c]!),
      known.map((i) => test[i]!.labels[k]!),
      file.thresholds[c]!,
    ).f1;
  };
  const withDavidson = davidson.length
    ? {
        ...report,
        davidson: {
          cases: davidson.length,
          hateF1: f1Of('hate', davidson),
          profanityF1: f1Of('profanity', davidson),
        },
      }
    : report;
  return holdOutHateCheck
    ? { ...withDavidson, hatecheck: hateCheckOutside(corpus, cats, holdOutHateCheck) }
    : withDavidson;
}

function rank(lang: string): number {
  const i = (CLAIMED_LANGUAGES as readonly string[]).indexOf(lang);
  return i >= 0 ? i : CLAIMED_LANGUAGES.length;
}

/** Trains without English HateCheck (every split), then scores all of it: HateCheck as an outside test. */
function hateCheckOutside(
  corpus: readonly TextCase[],
  cats: readonly CategoryId[],
  options: TextTrainOptions,
): TextEvalReport['hatecheck'] {
  const isHateCheck = (c: TextCase) => c.source === 'hatecheck';
  const cases = corpus.filter(isHateCheck);
  if (cases.length === 0 || !cats.includes('hate')) return undefined;
  const file = trainTextClassifier(
    corpus.filter((c) => !isHateCheck(c)),
    cats,
    options,
  );
  const h = cats.indexOf('hate');
  const scores = scoreCases(file, cases, options.embeddings);
  const byFunctionality: Record<string, { cases: number; accuracy: number }> = {};
  let correct = 0;
  cases.forEach((t, i) => {
    const ok = scores[i]![h]! >= file.thresholds[h]! === (t.labels.hate === 1);
    if (ok) correct++;
    const e = (byFunctionality[t.functionality] ??= { cases: 0, accuracy: 0 });
    e.accuracy = (e.accuracy * e.cases + (ok ? 1 : 0)) / (e.cases + 1);
    e.cases++;
  });
  return { cases: cases.length, accuracy: correct / cases.length, byFunctionality };
}

const pct = (x: number): string => (Number.isNaN(x) ? '   –' : x.toFixed(2).padStart(4));

/** The text section as printed by `npm run eval`. */
export function formatTextReport(r: TextEvalReport): string {
  const lines: string[] = [];
  lines.push(
    `Text classifier — held-out templates (${r.split} split, ${r.testCases} cases); thresholds chosen on dev`,
  );
  lines.push('');
  lines.push('category                 lang   pos   neg     P     R    F1  AUPRC');
  for (const { category, lang, metrics: m } of r.cells)
    lines.push(
      `${category.padEnd(24)} ${lang.padEnd(4)} ${String(m.positives).padStart(5)} ${String(m.negatives).padStart(5)}  ${pct(m.precision)}  ${pct(m.recall)}  ${pct(m.f1)}  ${pct(m.auprc)}`,
    );
  lines.push('');
  lines.push('language  macro-F1  macro-AUPRC  categories (≥5 test positives)');
  for (const l of r.languages)
    lines.push(
      `${l.lang.padEnd(8)}  ${pct(l.macroF1).padStart(8)}  ${pct(l.macroAuprc).padStart(11)}  ${l.categories}`,
    );
  lines.push('');
  lines.push('category                 threshold  AUPRC    F1   ECE');
  for (const c of r.categories)
    lines.push(
      `${c.category.padEnd(24)} ${c.threshold.toFixed(3).padStart(9)}  ${pct(c.auprc)}  ${pct(c.f1)}  ${c.ece.toFixed(3)}`,
    );
  const h = r.hardNegatives;
  lines.push('');
  lines.push(
    `hard negatives: ${h.flagged} of ${h.cases} flagged, FPR ${(h.fpr * 100).toFixed(1)}% at the dev thresholds; ` +
      `${h.flaggedAtGate} (${((100 * h.flaggedAtGate) / h.cases).toFixed(1)}%) at the serving gate max(${TEXT_CLASSIFIER_FLOOR}, dev threshold)`,
  );
  for (const [f, [n, k]] of Object.entries(h.byFunctionality).sort())
    lines.push(`  ${f.padEnd(40)} ${String(k).padStart(4)} / ${String(n).padEnd(4)}`);
  if (r.davidson)
    lines.push(
      `\nDavidson held-out tweets (${r.davidson.cases}): hate F1 ${pct(r.davidson.hateF1)}, offensive→profanity F1 ${pct(r.davidson.profanityF1)}`,
    );
  if (r.hatecheck) {
    lines.push(
      `\nHateCheck (English, model trained without it): accuracy ${pct(r.hatecheck.accuracy)} on ${r.hatecheck.cases} cases`,
    );
    for (const [f, e] of Object.entries(r.hatecheck.byFunctionality).sort())
      lines.push(`  ${f.padEnd(40)} ${pct(e.accuracy)}  (${e.cases})`);
  }
  return lines.join('\n');
}
