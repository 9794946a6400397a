import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '@vigil/contracts';
import { loadCorpus, POSITIVE_SEVERITY, SPLITS } from '../src/corpus/corpus';

describe('seed corpus', () => {
  const corpus = loadCorpus();

  it('has every case in exactly one fixed split, each split non-empty', () => {
    expect(new Set(corpus.map((r) => r.id)).size).toBe(corpus.length);
    for (const s of SPLITS) expect(corpus.filter((r) => r.split === s).length).toBeGreaterThan(50);
  });

  it('covers English and at least three other languages', () => {
    expect(new Set(corpus.map((r) => r.lang))).toEqual(new Set(['en', 'de', 'es', 'fr']));
  });

  it('has at least twice as many hard negatives as positives for every category block, in every language', () => {
    for (const lang of ['en', 'de', 'es', 'fr'])
      for (const block of CATEGORY_IDS.filter((c) => c !== 'sexual/minors')) {
        const rows = corpus.filter((r) => r.lang === lang && r.block === block);
        const pos = rows.filter((r) => r.kind === 'positive').length;
        const neg = rows.filter((r) => r.kind === 'hard_negative').length;
        expect(pos, `${lang} ${block}`).toBeGreaterThanOrEqual(4);
        expect(neg, `${lang} ${block}`).toBeGreaterThanOrEqual(2 * pos);
        // Positives carry their block's label at medium severity or more; hard negatives do not.
        for (const r of rows.filter((x) => x.kind === 'positive'))
          expect(r.labels[block] ?? 0).toBeGreaterThanOrEqual(POSITIVE_SEVERITY);
        for (const r of rows.filter((x) => x.kind === 'hard_negative'))
          expect(r.labels[block] ?? 0).toBeLessThan(POSITIVE_SEVERITY);
      }
  });

  it('has multimodal cases of all four kinds on real photos', () => {
    const mm = corpus.filter((r) => r.block === 'multimodal' && r.image);
    for (const kind of ['caption', 'image_text', 'both', 'none'] as const)
      expect(mm.filter((r) => r.harm_in === kind).length).toBeGreaterThanOrEqual(6);
    expect(corpus.some((r) => r.audio?.kind === 'speech')).toBe(true);
  });

  it('has positives of every trainable category in train, dev and test', () => {
    for (const c of CATEGORY_IDS.filter((x) => x !== 'sexual/minors'))
      for (const s of SPLITS)
        expect(
          corpus.filter((r) => r.split === s && (r.labels[c] ?? 0) >= POSITIVE_SEVERITY).length,
          `${c} ${s}`,
        ).toBeGreaterThan(0);
  });
});
