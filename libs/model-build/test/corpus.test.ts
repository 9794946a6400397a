import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '@vigil/contracts';
import { loadCorpus, POSITIVE_SEVERITY, SPLITS } from '../src/corpus/corpus';
import { GENERATED_PHOTOS, renderMeme } from '../src/corpus/render';
import { INTERPLAY_LANGS, interplayCases } from '../src/corpus/interplay';

describe('seed corpus', () => {
  const corpus = loadCorpus();

  it('has every case in exactly one fixed split, each split non-empty', () => {
    expect(new Set(corpus.map((r) => r.id)).size).toBe(corpus.length);
    for (const s of SPLITS) expect(corpus.filter((r) => r.split === s).length).toBeGreaterThan(50);
  });

  it('covers English and at least three other languages (Portuguese only in the generated pairs)', () => {
    expect(new Set(corpus.map((r) => r.lang))).toEqual(new Set(['en', 'de', 'es', 'fr', 'pt']));
    expect(new Set(corpus.filter((r) => r.block !== 'interplay').map((r) => r.lang))).toEqual(
      new Set(['en', 'de', 'es', 'fr']),
    );
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

  it('generates caption × image pairs, each with benign mirrors in its own split', () => {
    const cases = interplayCases();
    expect(interplayCases()).toEqual(cases); // deterministic
    const harmful = cases.filter((r) => r.harm_in === 'interplay');
    expect(harmful.length).toBeGreaterThanOrEqual(50);
    for (const h of harmful) {
      const template = h.id.replace(/-(?:en|de|es|fr|pt)-harm-\d+$/, '');
      const family = cases.filter((r) => r.id.startsWith(`${template}-`));
      // One split per template: no mirror or translation of a test pair trains.
      expect(new Set(family.map((r) => r.split)), template).toEqual(new Set([h.split]));
      // Same caption with a harmless photo; same photo with a harmless caption.
      const mirrors = family.filter((r) => r.harm_in === 'none');
      const imageMirror = mirrors.find((r) => r.text === h.text && r.image!.photo !== h.image!.photo);
      const captionMirror = mirrors.find((r) => r.image!.photo === h.image!.photo && r.text !== h.text);
      expect(imageMirror?.labels, h.id).toEqual({});
      expect(captionMirror?.labels, h.id).toEqual({});
      expect(Object.values(h.labels).some((v) => v >= POSITIVE_SEVERITY)).toBe(true);
    }
    expect(new Set(cases.map((r) => r.lang))).toEqual(new Set(INTERPLAY_LANGS));
    for (const s of SPLITS)
      expect(
        harmful.some((r) => r.split === s),
        s,
      ).toBe(true);
    // The generated cases are part of the corpus, ids unique.
    expect(corpus.filter((r) => r.block === 'interplay')).toEqual(cases);
  });

  it('has hard negatives of flat colour shapes and space and shooting puns', async () => {
    const negatives = corpus.filter((r) => r.kind === 'hard_negative' && r.block === 'image');
    expect(negatives.filter((r) => r.image?.photo.startsWith('gen-')).length).toBeGreaterThanOrEqual(3);
    expect(
      negatives.filter((r) => /SHOOT|SPACE|BLAST/.test(r.image?.overlay ?? '')).length,
    ).toBeGreaterThanOrEqual(5);
    for (const name of Object.keys(GENERATED_PHOTOS)) {
      const png = await renderMeme(`/nonexistent/${name}`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
