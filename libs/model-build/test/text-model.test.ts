import { describe, expect, it } from 'vitest';
import type { CategoryId } from '@vigil/contracts';
import { TextClassifier } from '@vigil/model';
import { mulberry32 } from '../src/fusion/random';
import type { TextCase } from '../src/text-data/types';
import { fitPlatt, thresholdForPrecision } from '../src/text-model/calibration';
import { evaluateTextClassifier } from '../src/text-model/evaluate-text';
import { evaluateProbes, formatProbeReport, seedCorpusProbes } from '../src/text-model/probes';
import {
  DEFAULT_TEXT_TRAIN_OPTIONS,
  capHardNegatives,
  trainTextClassifier,
} from '../src/text-model/train-text';

describe('fitPlatt', () => {
  it('recovers the slope and intercept that generated the labels', () => {
    const rand = mulberry32(1);
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const z = rand() * 12 - 6;
      logits.push(z);
      labels.push(rand() < 1 / (1 + Math.exp(-(0.5 * z - 1))) ? 1 : 0);
    }
    const { a, b } = fitPlatt(logits, labels);
    expect(a).toBeCloseTo(0.5, 1);
    expect(b).toBeCloseTo(-1, 1);
  });

  it('returns the identity without both classes', () => {
    expect(fitPlatt([1, 2], [1, 1])).toEqual({ a: 1, b: 0 });
  });
});

describe('thresholdForPrecision', () => {
  it('takes the lowest cut that keeps the precision, halfway to the next score', () => {
    // Scores descending: 1 1 0 1 0 0 → precision at cuts 1, 1, .67, .75, .6, .5
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    const labels = [1, 1, 0, 1, 0, 0];
    expect(thresholdForPrecision(scores, labels, 0.75)).toBeCloseTo(0.55);
    expect(thresholdForPrecision(scores, labels, 1)).toBeCloseTo(0.75);
  });

  it('falls back to the best-F1 cut when no cut reaches the precision', () => {
    expect(thresholdForPrecision([0.9, 0.8, 0.1], [0, 1, 0], 0.9)).toBeCloseTo(0.45);
  });
});

/** A small two-category corpus in two languages with template-based splits. */
function toyCorpus(): TextCase[] {
  const cases: TextCase[] = [];
  const drugs = [
    'selling coke and pills dm me',
    'vendo cocaina y pastillas',
    'pills for sale cheap',
    'vendo pastillas baratas',
  ];
  const spam = [
    'win a free prize now',
    'gana un premio gratis ahora',
    'click here free money',
    'haz clic dinero gratis',
  ];
  const clean = [
    'lovely walk in the park',
    'un paseo bonito en el parque',
    'my cat sleeps all day',
    'mi gato duerme todo el dia',
  ];
  const groups: [string[], Partial<Record<CategoryId, 0 | 1>>][] = [
    [drugs, { 'illicit/drugs': 1, spam: 0 }],
    [spam, { spam: 1, 'illicit/drugs': 0 }],
    [clean, { spam: 0, 'illicit/drugs': 0 }],
  ];
  let n = 0;
  for (const [texts, labels] of groups)
    for (let rep = 0; rep < 40; rep++)
      texts.forEach((t, k) =>
        cases.push({
          id: `toy-${n++}`,
          text: `${t} ${rep}`,
          lang: k % 2 ? 'es' : 'en',
          labels,
          source: 'gen:toy',
          template: `toy-${k}-${rep % 5}`,
          functionality: 'toy',
          hardNegative: false,
          split: rep % 5 === 0 ? 'dev' : rep % 5 === 1 ? 'test' : 'train',
        }),
      );
  return cases;
}

describe('capHardNegatives', () => {
  // 20 hard negatives × 2 categories: case i scores i/20 on category 0 and (19 - i)/20 on category 1.
  const hard = Array.from({ length: 20 }, (_, i) => [i / 20, (19 - i) / 20]);
  // Dev cases of each category: 10 positives scoring 0.5…0.95, 10 negatives scoring 0…0.45.
  const dev = {
    p: Array.from({ length: 20 }, (_, i) => i / 20),
    y: Array.from({ length: 20 }, (_, i) => (i >= 10 ? 1 : 0)),
    w: new Array<number>(20).fill(1),
    lang: new Array<string>(20).fill('en'),
  };
  const flagged = (t: readonly number[]) => hard.filter((row) => row.some((v, c) => v >= t[c]!)).length;

  it('keeps the share of hard negatives flagged for any category at or under the rate', () => {
    const t = capHardNegatives([0.1, 0.1], [dev, dev], hard, 0.1);
    expect(flagged(t)).toBeLessThanOrEqual(2);
    expect(flagged(t)).toBeGreaterThanOrEqual(1);
    expect(capHardNegatives([0.1, 0.1], [dev, dev], hard, 1).every((x) => x <= 0.55)).toBe(true);
  });

  it('spends the budget where it gains F1 and never goes under a precision threshold', () => {
    // Category 1 has no positives to gain: its threshold stays above every hard negative.
    const none = { ...dev, y: new Array<number>(20).fill(0) };
    const t = capHardNegatives([0.1, 0.1], [dev, none], hard, 0.25);
    expect(t[1]).toBeGreaterThan(0.95);
    expect(flagged(t)).toBe(5);
    expect(capHardNegatives([0.99, 0.99], [dev, dev], hard, 0.1)).toEqual([0.99, 0.99]);
  });
});

describe('trainTextClassifier', () => {
  const cases = toyCorpus();
  const file = trainTextClassifier(cases, ['illicit/drugs', 'spam'], {
    ...DEFAULT_TEXT_TRAIN_OPTIONS,
    hashBuckets: 1 << 12,
  });

  it('learns both categories in both languages and calibrates on dev', () => {
    const clf = new TextClassifier(file);
    const [drugs, spam, clean] = clf.score([
      'vendo pastillas',
      'free prize click here',
      'mi gato en el parque',
    ]);
    expect(drugs![0]).toBeGreaterThan(0.5);
    expect(spam![1]).toBeGreaterThan(0.5);
    expect(Math.max(...clean!)).toBeLessThan(0.5);
    expect(file.platt).toHaveLength(2);
    expect(file.training).toMatchObject({ train_cases: 288, dev_cases: 96 });
  });

  it('is deterministic for a seed', () => {
    const again = trainTextClassifier(cases, ['illicit/drugs', 'spam'], {
      ...DEFAULT_TEXT_TRAIN_OPTIONS,
      hashBuckets: 1 << 12,
    });
    expect(again.weights).toBe(file.weights);
  });

  it('reports per category × language on the test split only', () => {
    const r = evaluateTextClassifier(file, cases);
    expect(r.testCases).toBe(96);
    expect(r.cells.map((c) => `${c.category}/${c.lang}`)).toEqual([
      'illicit/drugs/en',
      'illicit/drugs/es',
      'spam/en',
      'spam/es',
    ]);
    for (const c of r.cells) expect(c.metrics.f1).toBeGreaterThan(0.9);
  });

  it('scores hand-written probes at the serving gate: recall per language, false flags on harmless ones', () => {
    const probes = [
      {
        id: 'p1',
        lang: 'en',
        text: 'pills for sale dm me',
        labels: ['illicit/drugs' as const],
        kind: 'sale',
      },
      { id: 'p2', lang: 'es', text: 'gana dinero gratis ahora', labels: ['spam' as const], kind: 'scam' },
      { id: 'p3', lang: 'en', text: 'my cat in the park', labels: [], kind: 'caption' },
    ];
    const r = evaluateProbes(file, probes, undefined, 0);
    expect(r.byLang[0]).toEqual({
      lang: 'all',
      harmful: 2,
      anyFlag: 2,
      rightFlag: 2,
      harmless: 1,
      falseFlags: 0,
    });
    expect(r.byCategory.find((c) => c.category === 'spam')).toEqual({
      category: 'spam',
      positives: 1,
      caught: 1,
      falseFlags: 0,
    });
    // A floor of 1 flags only scores of exactly 1.
    expect(evaluateProbes(file, probes, undefined, 1).byLang[0]!.falseFlags).toBe(0);
    expect(formatProbeReport(r, true)).toContain('Text probes: 3 texts');
    expect(() => evaluateProbes(file, probes, undefined, Number.NaN)).toThrow(RangeError);
  });
});

describe('seedCorpusProbes', () => {
  it("reads the seed corpus' captions with their split and kind, harmful ones labelled", () => {
    const probes = seedCorpusProbes();
    expect(probes.length).toBeGreaterThan(700);
    expect(new Set(probes.map((p) => p.kind))).toContain('seed:test:hard_negative');
    expect(probes.filter((p) => p.kind.endsWith(':positive')).every((p) => p.labels.length > 0)).toBe(true);
  });
});
