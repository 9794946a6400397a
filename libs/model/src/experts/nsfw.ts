import type { RawImage } from '@vigil/contracts';
import { ExpertConfigError, outputLabels } from '../expert';
import { NsfwRunner, type NsfwResult } from '../runners/nsfw';
import type { Expert, ExpertModule } from './contract';
import { asFrame } from './frame-input';

/**
 * Width of the `nsfw` fusion token source: the five class probabilities in the manifest's label order
 * (Drawing, Hentai, Neutral, Porn, Sexy), then the sexual, explicit and drawing sums.
 */
export const NSFW_FEATURE_DIM = 8;

/** The `nsfw` token features of one result (see NSFW_FEATURE_DIM). */
export function nsfwFeatures(labels: readonly string[], r: NsfwResult): Float32Array {
  return Float32Array.from([...labels.map((l) => r.probabilities[l] ?? 0), r.sexual, r.explicit, r.drawing]);
}

/**
 * `nsfw` (runner `nsfw`): the NSFW image classifier (see `NsfwRunner`) on the variant its
 * `preprocess.resize` names. Per frame: token features, the sexual sum as the visual score 0..1 the
 * router reads, and the drawing likelihood for alt-text.
 */
export const nsfwModule: ExpertModule = {
  runner: 'nsfw',
  core: false,
  async load({ entry, bundleDir, session }): Promise<Expert> {
    const labels = outputLabels(entry, 'probabilities');
    if (labels.length + 3 !== NSFW_FEATURE_DIM)
      throw new ExpertConfigError(entry.name, `${labels.length} labels; the fusion token expects 5`);
    const runner = await NsfwRunner.create(entry, bundleDir, session);
    return {
      name: entry.name,
      modality: 'image',
      reads: ['frame'],
      variant: entry.preprocess!.resize,
      emits: { categories: entry.informs, features: NSFW_FEATURE_DIM },
      cost: { tier: 'screen', msPerItem: 25 },
      async run(frames) {
        const out = await runner.run((frames as readonly RawImage[]).map((f) => asFrame(entry, f)));
        return out.map((r) => ({
          features: nsfwFeatures(labels, r),
          visualScore: r.sexual,
          alt: { drawing: r.drawing },
        }));
      },
      release: () => runner.release(),
    };
  },
};
