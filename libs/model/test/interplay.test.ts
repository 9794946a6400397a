import { describe, expect, it } from 'vitest';
import {
  CAPTION_CUES,
  captionCues,
  IMAGE_CUES,
  imageCues,
  INTERPLAY_FEATURE_DIM,
  interplayFeatures,
  withInterplay,
  type FusionSpec,
} from '../src';

const cues = (caption: string) => CAPTION_CUES.filter((_, i) => captionCues(caption)[i] === 1).sort();

describe('caption cues', () => {
  it.each([
    ['@sam found your twin', ['intent_insult', 'target_handle', 'target_person']],
    ['this is what immigrants look like', ['intent_insult', 'target_group']],
    ['so riechen Flüchtlinge', ['intent_insult', 'target_group']],
    ['los inmigrantes votando', ['target_group']],
    ['@lena I know where you live', ['intent_threat', 'target_handle', 'target_person']],
    ['je sais où tu habites', ['intent_threat', 'target_person']],
    ['selling my old bike, dm me', ['intent_sale']],
    ['lovely sunset at the beach', []],
    ['', []],
  ])('%s', (caption, expected) => {
    expect(cues(caption)).toEqual([...expected].sort());
  });

  it('ignores an e-mail address and words that merely contain a cue', () => {
    expect(cues('write to anna@example.org about the youth club')).toEqual([]);
  });
});

describe('interplay features', () => {
  // objects block: person, weapon, drink, animal, vehicle, food, people, detections
  const objects = Float32Array.from([0, 0, 0, 0.67, 0, 0, 0, 0.1]);

  it('are the outer product of caption cues and image cues', () => {
    const image = imageCues(objects, true);
    expect([...image]).toEqual([0, 0, Math.fround(0.67), 0, 1]);
    const f = interplayFeatures(captionCues('@sam found your twin'), image);
    expect(f).toHaveLength(INTERPLAY_FEATURE_DIM);
    const at = (c: (typeof CAPTION_CUES)[number], i: (typeof IMAGE_CUES)[number]) =>
      f[CAPTION_CUES.indexOf(c) * IMAGE_CUES.length + IMAGE_CUES.indexOf(i)];
    expect(at('intent_insult', 'animal')).toBeCloseTo(0.67);
    expect(at('intent_insult', 'text')).toBe(1);
    expect(at('intent_threat', 'animal')).toBe(0);
    expect(at('intent_insult', 'person')).toBe(0);
  });

  it("write the frame token's interplay block from its objects block, and only when the spec has one", () => {
    const spec = {
      tokenSources: [
        { expert: 'objects', modalities: ['image'], offset: 0, dim: 8 },
        { expert: 'interplay', modalities: ['image'], offset: 8, dim: INTERPLAY_FEATURE_DIM },
      ],
      featureDim: 8 + INTERPLAY_FEATURE_DIM,
    } as unknown as FusionSpec;
    const row = new Float32Array(spec.featureDim);
    row.set(objects, 0);
    const out = withInterplay(spec, row, 'this is what immigrants look like', false);
    expect(out).not.toBe(row);
    expect([...out.subarray(0, 8)]).toEqual([...objects]);
    expect(out.subarray(8).some((v) => v > 0)).toBe(true);
    expect(row.subarray(8).every((v) => v === 0)).toBe(true); // the input row is not changed
    expect(
      withInterplay(spec, row, '', false)
        .subarray(8)
        .every((v) => v === 0),
    ).toBe(true);
    const old = { ...spec, tokenSources: spec.tokenSources.slice(0, 1), featureDim: 8 } as FusionSpec;
    expect(withInterplay(old, objects, 'found your twin', true)).toBe(objects);
  });
});
