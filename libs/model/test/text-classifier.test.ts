import { describe, expect, it } from 'vitest';
import {
  LEXICON_FEATURES,
  TEXT_CLASSIFIER_FORMAT,
  TextClassifier,
  TextClassifierFormatError,
  combineTextScores,
  fnv1a,
  textClassifierFeatures,
  textFeatureCount,
  textScoreSources,
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

describe('combineTextScores', () => {
  const fused = [
    {
      category: 'spam' as const,
      score: 0.3,
      severity: 1,
      attribution: [{ modality: 'image' as const, weight: 1 }],
    },
    {
      category: 'hate' as const,
      score: 0.7,
      severity: 2,
      attribution: [{ modality: 'caption' as const, weight: 1 }],
    },
  ];

  it('takes the max per category; the text that wins becomes the attribution', () => {
    const sources = [
      { modality: 'caption' as const, text: 'hi', scores: Float32Array.from([0.1, 0.2]) },
      {
        modality: 'image_text' as const,
        media_id: 'm1',
        text: 'WIN A PRIZE',
        scores: Float32Array.from([0.9, 0.1]),
      },
    ];
    const out = combineTextScores(fused, ['spam', 'hate'], sources);
    expect(out[0]).toEqual({
      category: 'spam',
      score: 0.9,
      severity: 3,
      attribution: [{ modality: 'image_text', media_id: 'm1', text: 'WIN A PRIZE', weight: 1 }],
    });
    expect(out[1]).toBe(fused[1]); // fusion's 0.7 beats the texts' 0.2
  });

  it('adds categories only the text classifier scores, and leaves fusion alone without texts', () => {
    const out = combineTextScores(
      fused,
      ['illicit/drugs'],
      [{ modality: 'caption', text: 'x', scores: Float32Array.from([0.6]) }],
    );
    expect(out.map((s) => [s.category, s.score])).toEqual([
      ['spam', 0.3],
      ['hate', 0.7],
      ['illicit/drugs', 0.6],
    ]);
    expect(combineTextScores(fused, ['spam'], [])).toEqual(fused);
  });

  it('textScoreSources skips blank texts and groups the rest by request', () => {
    const seen: string[] = [];
    const out = textScoreSources(
      [
        { i: 0, modality: 'caption', text: '  ' },
        { i: 0, modality: 'image_text', text: 'a', media_id: 'm' },
        { i: 2, modality: 'caption', text: 'b' },
      ],
      (texts) => {
        seen.push(...texts);
        return texts.map(() => Float32Array.from([0.5]));
      },
    );
    expect(seen).toEqual(['a', 'b']);
    expect(out.get(0)!.map((s) => s.media_id)).toEqual(['m']);
    expect(out.get(2)!.map((s) => s.modality)).toEqual(['caption']);
    expect(out.has(1)).toBe(false);
  });
});
