import { describe, expect, it } from 'vitest';
import type { CategoryId, InferenceResult } from '@vigil/contracts';
import type { CorpusRecord } from '../src/corpus/corpus';
import { altTextFigures, caseTypeOf, postMetrics, postOutcome } from '../src/eval/case-types';

const record = (over: Partial<CorpusRecord>): CorpusRecord => ({
  id: 'x',
  lang: 'en',
  block: 'image',
  kind: 'benign',
  text: '',
  labels: {},
  split: 'test',
  ...over,
});
const result = (scores: Partial<Record<CategoryId, number>>, alt?: string): InferenceResult =>
  ({
    scores: Object.entries(scores).map(([category, score]) => ({ category, score })),
    media: alt === undefined ? [] : [{ kind: 'image', alt_text: { text: alt } }],
  }) as unknown as InferenceResult;
const categories: CategoryId[] = ['hate', 'harassment'];

describe('case types', () => {
  it('sorts posts by what carries them', () => {
    expect(caseTypeOf(record({ text: 'hi' }))).toBe('caption only');
    expect(caseTypeOf(record({ image: { photo: 'a.png' } }))).toBe('image+caption');
    expect(caseTypeOf(record({ image: { photo: 'a.png', overlay: 'HI' } }))).toBe('meme');
    expect(caseTypeOf(record({ block: 'interplay', image: { photo: 'a.png' } }))).toBe('interplay');
    expect(caseTypeOf(record({ audio: { kind: 'silence' } }))).toBe('audio');
  });

  it('counts a positive as caught only in its own category, and any flag on a negative', () => {
    const hate = record({ labels: { hate: 3 } });
    const caught = postOutcome(hate, result({ hate: 0.8, harassment: 0.1 }), categories, {});
    const wrongCategory = postOutcome(hate, result({ hate: 0.2, harassment: 0.9 }), categories, {});
    const falseFlag = postOutcome(record({}), result({ harassment: 0.6 }), categories, {});
    const quiet = postOutcome(record({}), result({ harassment: 0.1 }), categories, {});
    expect(caught).toMatchObject({ positive: true, caught: true, flagged: true });
    expect(wrongCategory).toMatchObject({ positive: true, caught: false, flagged: true });
    const m = postMetrics([caught, wrongCategory, falseFlag, quiet]);
    expect(m.positives).toBe(2);
    expect(m.recall).toBeCloseTo(1 / 2);
    expect(m.precision).toBeCloseTo(1 / 3); // three flagged, one of them a caught positive
    expect(m.flaggedNegatives).toBeCloseTo(1 / 2);
    expect(m.auprc).toBeCloseTo((1 + 2 / 3) / 2);
  });

  it('measures alt-text subjects, wrong objects and quotes', () => {
    const records = [
      record({ image: { photo: 'chelsea.png' } }),
      record({ image: { photo: 'coins.png' } }),
      record({ image: { photo: 'horse.png', overlay: 'I KNOW WHERE YOU LIVE' } }),
    ];
    const results = [
      result({}, 'Photo of a cat'),
      result({}, 'Photo of 11 clocks and six bowls'),
      result({}, 'Photo of a horse with the text "IKNOW WHEREYOU LIVE"'),
    ];
    expect(altTextFigures(records, results, ['cat', 'clock', 'bowl', 'horse', 'tie'])).toEqual({
      subjectPosts: 2,
      subjectNamed: 2,
      images: 3,
      wrongObject: 1,
      memes: 1,
      quoted: 0,
      quotedIgnoringSpaces: 1,
      unquoted: [
        `${records[2]!.id}: "I KNOW WHERE YOU LIVE" → "Photo of a horse with the text \\"IKNOW WHEREYOU LIVE\\""`,
      ],
    });
  });
});
