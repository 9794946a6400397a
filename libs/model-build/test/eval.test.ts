import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateBundle, formatReport } from '../src/eval/evaluate';
import {
  averagePrecision,
  binaryMetrics,
  expectedCalibrationError,
  fitTemperature,
} from '../src/eval/metrics';

const BUNDLE = resolve(__dirname, '..', '..', '..', '.models/vigil-base');

describe('metrics', () => {
  it('computes precision, recall, F1, FPR, AUPRC and ECE', () => {
    const m = binaryMetrics([0.9, 0.8, 0.3, 0.6, 0.1], [1, 0, 1, 0, 0], 0.5);
    expect(m.precision).toBeCloseTo(1 / 3);
    expect(m.recall).toBeCloseTo(1 / 2);
    expect(m.fpr).toBeCloseTo(2 / 3);
    expect(averagePrecision([0.9, 0.8, 0.3], [1, 0, 1])).toBeCloseTo((1 + 2 / 3) / 2);
    expect(expectedCalibrationError([0.95, 0.95], [1, 1])).toBeCloseTo(0.05);
  });

  it('fits a temperature that softens over-confident logits', () => {
    const logits = [8, 8, 8, 8, -8, -8, -8, -8];
    const labels = [1, 1, 1, 0, 0, 0, 0, 1];
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(4);
    expect(1 / (1 + Math.exp(-8 / t))).toBeCloseTo(0.75, 1);
  });
});

describe('evaluation on the test split (what `npm run eval` prints)', () => {
  it('scores the routed and dense paths and prints the table', async () => {
    const report = await evaluateBundle(BUNDLE, 'test', { session: { provider: 'cpu' } });
    expect(report.cases).toBeGreaterThan(100);
    expect(report.routed.macroAuprc).toBeGreaterThan(0.6);
    expect(report.routed.macroF1).toBeGreaterThan(0.5);
    // Routing saves real work: OCR only where the text gate fires, objects only when a visual score is
    // uncertain, frames beyond the third only then too.
    expect(report.routed.invocations).toBeLessThan(report.dense.invocations);
    for (const expert of ['ocr', 'objects', 'nsfw', 'image-stats'])
      expect(report.routed.perExpert[expert]?.items ?? 0).toBeLessThan(report.dense.perExpert[expert]!.items);
    expect(report.routed.perExpert.text!.items).toBeLessThanOrEqual(report.dense.perExpert.text!.items);
    expect(report.imagesOnly.cases).toBeGreaterThan(10);
    expect(report.imagesOnly.routed.invocations).toBeLessThan(report.imagesOnly.dense.invocations);
    expect(Object.keys(report.perLanguage)).toEqual(['de', 'en', 'es', 'fr', 'pt']);
    // Per case type and language, post level; benign flag rates; alt-text rates.
    for (const type of ['caption only', 'image+caption', 'meme', 'interplay'])
      expect(report.caseTypes[type]!.all!.positives, type).toBeGreaterThan(0);
    expect(Object.keys(report.caseTypes.interplay!)).toEqual(['all', 'de', 'en', 'es', 'fr', 'pt']);
    expect(report.benign.withMedia).toBeGreaterThan(20);
    expect(report.altText.memes).toBeGreaterThan(5);
    expect(report.altText.subjectPosts).toBeGreaterThan(5);
    expect(report.notCovered['sexual/minors']).toBe(report.cases);
    const table = formatReport(report);
    expect(table).toContain('| harassment/threatening |');
    expect(table).toContain('| images only (');
    expect(table).toContain('| ocr |');
    expect(table).toContain('| interplay | pt |');
    expect(table).toMatch(/Alt-text: names the main subject \d+\/\d+/);
    // OCR on every frame of the dense path makes this the slowest test of the package (minutes on 2 cores).
  }, 900_000);
});
