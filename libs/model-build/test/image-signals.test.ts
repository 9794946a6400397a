import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageVariantSpecs } from '@vigil/contracts';
import { decodeWeights, fusionForward } from '@vigil/model';
import { requestFor } from '../src/corpus/media';
import { readFusionWeights } from '../src/experts/fusion';
import { withNsfw, withWeapon } from '../src/fusion/augment';
import { loadFeatureClassifier, requestTokens } from '../src/fusion/features';
import { packExamples, type TrainToken } from '../src/fusion/train';

const BUNDLE = resolve(__dirname, '..', '..', '..', '.models/vigil-base');

/**
 * The committed fusion weights on a real photo's frame token (the horse, through the built bundle's
 * experts) with its nsfw or objects block edited: nsfw feeds `sexual` on its own, a detected weapon never
 * flags a post alone.
 */
// Weights trained before the image-signal examples existed have no `interplay` token source; the
// check applies from the first retrain with them (`npm run models:train`).
const trainedWithImageSignals = readFusionWeights().spec.tokenSources.some((s) => s.expert === 'interplay');

describe.skipIf(!trainedWithImageSignals)('image-borne signals in the committed fusion weights', () => {
  it('flags sexual from explicit nsfw scores, not from suggestive or neutral ones; a weapon alone flags nothing', async () => {
    const file = readFusionWeights();
    const spec = file.spec;
    const w = decodeWeights(file);
    const classifier = await loadFeatureClassifier(BUNDLE);
    const record = {
      id: 'horse',
      lang: 'en',
      block: 'image',
      kind: 'benign' as const,
      text: '',
      image: { photo: 'horse.png' },
      labels: {},
      split: 'test' as const,
    };
    const request = await requestFor(record, imageVariantSpecs(classifier.manifest));
    const [tokens] = await requestTokens(spec, classifier, [request], 'routed');
    const photo = tokens!.find((t) => t.modality === 'image')!;
    const scores = (token: TrainToken) => {
      const t = fusionForward(spec, w, packExamples(spec, [{ tokens: [token] }]));
      return Object.fromEntries(spec.categories.map((c, i) => [c, t.scores[i]!])) as Record<string, number>;
    };
    // Drawing, Hentai, Neutral, Porn, Sexy
    expect(scores(photo).sexual).toBeLessThan(0.5);
    expect(scores(withNsfw(spec, photo, [0.02, 0.03, 0.05, 0.85, 0.05], '')).sexual).toBeGreaterThan(0.5);
    expect(scores(withNsfw(spec, photo, [0.02, 0.01, 0.9, 0.02, 0.05], '')).sexual).toBeLessThan(0.5);
    const knife = scores(withWeapon(spec, photo, 0.8, ''));
    for (const [category, score] of Object.entries(knife)) expect(score, category).toBeLessThan(0.5);
  }, 300_000);
});
