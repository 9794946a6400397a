import type { CategoryId } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import type { DirectScore } from '../src/classify/batch';
import { calibratedScores, FUSION_CAPTION_AGREEMENT } from '../src/classify/calibrate';
import { TEXT_SUB_GATE_CEILING, reportedTextScore } from '../src/experts/text-classifier';
import type { FusionSpec } from '../src/fusion/spec';
import {
  LEXICON_FEATURES,
  TEXT_CLASSIFIER_FORMAT,
  TextClassifier,
  TextClassifierFormatError,
  fnv1a,
  textClassifierFeatures,
  textFeatureCount,
  type TextClassifierFile,
} from '../src';

const BUCKETS = 1 << 10;

/** A one-category file whose only non-zero weight is the bucket of the word `scam` (q = 127, scale 0.05). */
function scamFile(): TextClassifierFile {
  const width = textFeatureCount(BUCKETS);
  const q = new Int8Array(width);
  q[fnv1a('w:scam') & (BUCKETS - 1)] = 127;
  return {
    format: TEXT_CLASSIFIER_FORMAT,
    hashBuckets: BUCKETS,
    categories: ['spam'],
    weights: Buffer.from(q.buffer).toString('base64'),
    scale: [0.05],
    bias: [-2],
    platt: [{ a: 2, b: 0.5 }],
    thresholds: [0.5],
    targetPrecision: 0.8,
    training: {},
  };
}

/** Hashed-feature indices of a text (the lexicon's indices are always present, so left out). */
const hashedIndex = (text: string) =>
  [...textClassifierFeatures(text, BUCKETS).index].filter((k) => k < BUCKETS);

describe('textClassifierFeatures', () => {
  it('reads evasions as the plain words (same hashed features) and is L2-normalised', () => {
    const plain = textClassifierFeatures('free money', BUCKETS);
    for (const evasive of ['ｆｒｅｅ m0ney', 'f r e e MONEY', 'fr33 m0ney'])
      expect(hashedIndex(evasive)).toEqual(hashedIndex('free money'));
    const hashed = plain.value.slice(0, plain.value.length - LEXICON_FEATURES.length);
    expect(hashed.reduce((a, v) => a + v * v, 0)).toBeCloseTo(1, 5);
    expect(Math.max(...plain.index)).toBeLessThan(textFeatureCount(BUCKETS));
  });

  it('folds accents and case: "Suicídio" and "suicidio" share every hashed feature', () => {
    const a = textClassifierFeatures('Suicídio', BUCKETS);
    const b = textClassifierFeatures('suicidio', BUCKETS);
    expect([...a.index]).toEqual([...b.index]);
  });

  it('damps a short text under minFeatureMass (n-grams and embedding by one factor), leaves a long one alone', () => {
    const squared = (x: { value: Float32Array }, from: number, to: number) =>
      x.value.slice(from, to).reduce((a, v) => a + v * v, 0);
    const embedding = Float32Array.from([0.6, 0.8]);
    const short = textClassifierFeatures('video', BUCKETS, embedding, 40);
    const n = short.value.length - LEXICON_FEATURES.length - 2;
    const hashed = squared(short, 0, n);
    expect(hashed).toBeGreaterThan(0.05);
    expect(hashed).toBeLessThan(0.5);
    // The embedding is scaled by the same factor as the n-grams' norm.
    expect(squared(short, short.value.length - 2, short.value.length)).toBeCloseTo(hashed, 5);
    const long = 'a long caption about our family trip to the seaside with the kids and grandparents';
    const undamped = textClassifierFeatures(long, BUCKETS, embedding);
    expect([...textClassifierFeatures(long, BUCKETS, embedding, 40).value]).toEqual([...undamped.value]);
  });
});

describe('TextClassifier', () => {
  it('computes sigmoid(a × (q·x × scale + bias) + b) per category', () => {
    const clf = new TextClassifier(scamFile());
    const x = textClassifierFeatures('scam', BUCKETS);
    const k = [...x.index].indexOf(fnv1a('w:scam') & (BUCKETS - 1));
    const z = 127 * 0.05 * x.value[k]! - 2;
    const [scores] = clf.score(['scam']);
    expect(scores![0]).toBeCloseTo(1 / (1 + Math.exp(-(2 * z + 0.5))), 5);
    // Without the word only the bias speaks: sigmoid(2 × −2 + 0.5).
    expect(clf.score(['hello there'])[0]![0]).toBeCloseTo(1 / (1 + Math.exp(3.5)), 5);
  });

  it('reads a sentence embedding after the lexicon values when its file says so, and needs one per text', () => {
    // Two embedding dimensions; only the second carries weight (q = 100, scale 0.05 → 5 per unit).
    const width = textFeatureCount(BUCKETS, 2);
    const q = new Int8Array(width);
    q[width - 1] = 100;
    const clf = new TextClassifier({
      ...scamFile(),
      embeddingDim: 2,
      weights: Buffer.from(q.buffer).toString('base64'),
    });
    expect(clf.embeddingDim).toBe(2);
    const x = textClassifierFeatures('hello', BUCKETS, Float32Array.from([0.6, 0.8]));
    expect(x.index[x.index.length - 1]).toBe(width - 1);
    expect(x.value[x.value.length - 1]).toBeCloseTo(0.8, 6);
    const [near, far] = clf.score(['hello', 'hello'], [Float32Array.from([0, 1]), Float32Array.from([1, 0])]);
    // sigmoid(2 × (5 × 1 − 2) + 0.5) vs the bias alone, sigmoid(2 × −2 + 0.5).
    expect(near![0]).toBeCloseTo(1 / (1 + Math.exp(-6.5)), 5);
    expect(far![0]).toBeCloseTo(1 / (1 + Math.exp(3.5)), 5);
    expect(() => clf.score(['hello'])).toThrow(TextClassifierFormatError);
    expect(() => clf.score(['hello'], [Float32Array.from([1, 0, 0])])).toThrow(/2-wide embedding/);
  });

  it('rejects a file of another format, unknown categories or the wrong weight count', () => {
    expect(() => new TextClassifier({ ...scamFile(), format: 'x' as never })).toThrow(
      TextClassifierFormatError,
    );
    expect(() => new TextClassifier({ ...scamFile(), categories: ['spam', 'nope' as never] })).toThrow(
      /unknown categories nope/,
    );
    expect(() => new TextClassifier({ ...scamFile(), weights: 'AAAA' })).toThrow(/expected/);
  });
});

describe("calibratedScores with a `combine: 'max'` expert (the text classifier)", () => {
  const spec = { categories: ['spam', 'hate'] } as unknown as FusionSpec;
  const fused = {
    scores: Float32Array.from([0.3, 0.7]),
    attribution: [[{ modality: 'image' as const, weight: 1 }], [{ modality: 'caption' as const, weight: 1 }]],
    modalities: ['caption', 'image'] as const,
  };
  const informs = new Set<CategoryId>(['spam', 'hate']);

  it('takes the higher of fusion and the text per category; the text that wins becomes the attribution', () => {
    const direct = new Map<CategoryId, DirectScore>([
      ['spam', { score: 0.9, modality: 'image_text', media_id: 'm1', max: true }],
      ['hate', { score: 0.2, modality: 'caption', max: true }],
      ['illicit/drugs', { score: 0.6, modality: 'caption', max: true }],
    ]);
    expect(calibratedScores(spec, informs, fused, direct)).toEqual([
      {
        category: 'spam',
        score: 0.9,
        severity: 3,
        attribution: [{ modality: 'image_text', media_id: 'm1', weight: 1 }],
      },
      { category: 'hate', score: expect.closeTo(0.7, 6), severity: 2, attribution: fused.attribution[1] },
      {
        category: 'illicit/drugs',
        score: 0.6,
        severity: 2,
        attribution: [{ modality: 'caption', weight: 1 }],
      },
    ]);
  });

  it('keeps a fusion score that comes from text only where the text classifier agrees', () => {
    const captionOnly = { ...fused, modalities: ['caption'] as const };
    const direct = (hate: number) =>
      new Map<CategoryId, DirectScore>([
        ['spam', { score: 0.01, modality: 'caption', max: true }],
        ['hate', { score: hate, modality: 'caption', max: true }],
      ]);
    const rounded = (d: Map<CategoryId, DirectScore>) =>
      calibratedScores(spec, informs, captionOnly, d).map((s) => [
        s.category,
        Math.round(s.score * 100) / 100,
      ]);
    // Text hate 0.2 (≥ FUSION_CAPTION_AGREEMENT): fusion's 0.7 stands; spam 0.01 (under it): the text's.
    expect(rounded(direct(0.2))).toEqual([
      ['spam', 0.01],
      ['hate', 0.7],
    ]);
    expect(rounded(direct(FUSION_CAPTION_AGREEMENT - 0.01))).toEqual([
      ['spam', 0.01],
      ['hate', 0.05],
    ]);
    // With an image in the post: a score mostly from the image stands; one mostly from the image's text
    // (attribution share > 0.5) needs the text classifier's agreement like a caption.
    const withImage = (hate: { modality: 'image' | 'image_text' | 'caption'; weight: number }[]) => ({
      ...fused,
      attribution: [fused.attribution[0]!, hate],
    });
    const hateOf = (f: ReturnType<typeof withImage>) =>
      calibratedScores(spec, informs, f, direct(0.01)).find((s) => s.category === 'hate')!.score;
    expect(
      hateOf(
        withImage([
          { modality: 'image', weight: 0.7 },
          { modality: 'caption', weight: 0.3 },
        ]),
      ),
    ).toBeCloseTo(0.7, 6);
    expect(
      hateOf(
        withImage([
          { modality: 'image_text', weight: 0.6 },
          { modality: 'image', weight: 0.4 },
        ]),
      ),
    ).toBe(0.01);
  });

  it("leaves fusion's informed categories to fusion for an expert without `combine: 'max'`", () => {
    const direct = new Map<CategoryId, DirectScore>([['hate', { score: 0.95, modality: 'caption' }]]);
    const out = calibratedScores(spec, informs, fused, direct);
    expect(out.map((s) => [s.category, Math.round(s.score * 100) / 100])).toEqual([
      ['spam', 0.3],
      ['hate', 0.7],
    ]);
  });
});

describe('reportedTextScore (the text classifier expert under its gate)', () => {
  it('keeps a score from the gate up and scales one below it under the ceiling, keeping the order', () => {
    expect(reportedTextScore(0.93, 0.8)).toBe(0.93);
    expect(reportedTextScore(0.8, 0.8)).toBe(0.8);
    expect(reportedTextScore(0.4, 0.8)).toBeCloseTo(TEXT_SUB_GATE_CEILING / 2, 9);
    expect(reportedTextScore(0, 0.8)).toBe(0);
    const below = [0.1, 0.5, 0.79, 0.7999].map((s) => reportedTextScore(s, 0.8));
    expect([...below].sort((a, b) => a - b)).toEqual(below);
    expect(Math.max(...below)).toBeLessThan(0.35);
  });
});
