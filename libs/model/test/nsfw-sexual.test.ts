/**
 * Image-borne `sexual`: an explicit frame (the NSFW classifier's Porn + Hentai ≥ 0.5) is reported as the
 * post's `sexual` score against fusion's, by the max rule; ordinary photos report nothing of their own.
 * No explicit image is used: the real expert is run on the harmless skimage photos, and the classify path
 * on a stand-in `nsfw` expert that returns what the real one returns for an explicit frame.
 */
import { readBundleManifest, resizeKey, type MediaPayload } from '@vigil/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  nsfwModule,
  nsfwScores,
  NSFW_EXPLICIT_SCORE_MIN,
  VigilClassifier,
  type Expert,
  type ExpertOutput,
} from '../src';
import { BUNDLE_DIR } from './frames';
import { memeFrame } from './memes';
import { request } from './requests';

const manifest = readBundleManifest(BUNDLE_DIR);
const entry = manifest.experts.find((e) => e.name === 'nsfw')!;
const PHOTOS = [
  'astronaut.png',
  'chelsea.png',
  'coffee.png',
  'horse.png',
  'motorcycle_left.png',
  'rocket.jpg',
];

async function photo(name: string, mediaId = 'img'): Promise<MediaPayload> {
  return { media_id: mediaId, kind: 'image', status: 'ok', frames: [await memeFrame(manifest, name)] };
}

/** A stand-in for the nsfw expert whose every frame has explicit probability `explicit`. */
function standIn(explicit: number): Expert {
  return {
    name: 'nsfw',
    modality: 'image',
    reads: ['frame'],
    variant: entry.preprocess!.resize,
    emits: { categories: entry.informs, features: 0 },
    combine: 'max',
    cost: { tier: 'screen', msPerItem: 1 },
    run: (frames) =>
      Promise.resolve(
        frames.map((): ExpertOutput => {
          const scores = nsfwScores({ explicit });
          return { visualScore: explicit, ...(scores ? { scores } : {}) };
        }),
      ),
  };
}

describe('image-borne sexual scores from the NSFW classifier', () => {
  it('reports a frame as sexual from explicit probability 0.5 up, nothing below', () => {
    expect(NSFW_EXPLICIT_SCORE_MIN).toBe(0.5);
    expect(nsfwScores({ explicit: 0.49 })).toBeUndefined();
    expect(nsfwScores({ explicit: 0.5 })).toEqual({ sexual: 0.5 });
    expect(nsfwScores({ explicit: 0.97 })).toEqual({ sexual: 0.97 });
  });

  it('the real expert reports no score of its own on ordinary photos, and stands by the max rule', async () => {
    const expert = await nsfwModule.load({
      entry,
      bundleDir: BUNDLE_DIR,
      manifest,
      session: { provider: 'cpu' },
      moe: 'plain',
    });
    try {
      expect(expert.combine).toBe('max');
      expect(expert.emits.categories).toEqual(['sexual']);
      const frames = await Promise.all(PHOTOS.map((p) => memeFrame(manifest, p)));
      const out = await expert.run(
        frames.map((f) => f.variants[resizeKey(entry.preprocess!.resize)]!),
        'frame',
      );
      expect(out).toHaveLength(PHOTOS.length);
      for (const o of out) expect(o).not.toHaveProperty('scores');
    } finally {
      await expert.release?.();
    }
  });

  describe('through the classifier', () => {
    let explicitFrames: VigilClassifier;
    let suggestive: VigilClassifier;
    beforeAll(async () => {
      const session = { provider: 'cpu' as const, intraOpThreads: 1 };
      explicitFrames = await VigilClassifier.load(BUNDLE_DIR, { session, experts: [standIn(0.97)] });
      suggestive = await VigilClassifier.load(BUNDLE_DIR, { session, experts: [standIn(0.3)] });
    }, 120_000);

    it("an explicit photo with a neutral caption is the post's sexual score, attributed to the image", async () => {
      const [r] = await explicitFrames.classify([
        request('x1', 'at the beach today', [await photo('coffee.png')]),
      ]);
      expect(r!.scores.find((s) => s.category === 'sexual')).toEqual({
        category: 'sexual',
        score: 0.97,
        severity: 3,
        attribution: [{ modality: 'image', media_id: 'img', weight: 1 }],
      });
    });

    it('a frame under 0.5 leaves sexual to fusion, as before', async () => {
      const [r] = await suggestive.classify([
        request('x2', 'at the beach today', [await photo('coffee.png')]),
      ]);
      expect(r!.scores.find((s) => s.category === 'sexual')!.score).toBeLessThan(0.5);
    });
  });
});
