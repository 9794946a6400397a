import type { CategoryId, RawImage } from '@vigil/contracts';
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
 * Explicit-content probability (Porn + Hentai) from which a frame's NSFW result is also reported as a
 * `sexual` score of its own, standing against fusion's by the max rule. Fusion learned no image harm (no
 * harmful photograph was available to train on), so without it a nude photo with a neutral caption went
 * unflagged. 0.5: the class the classifier calls more likely than not; the default policy age-restricts
 * from 0.5, blurs from 0.75 and removes from 0.92. Below it the frame reports no score, so ordinary photos
 * change nothing (the skimage photos reach 0.063 at most).
 */
export const NSFW_EXPLICIT_SCORE_MIN = 0.5;

/** The `sexual` score a frame reports on its own (see NSFW_EXPLICIT_SCORE_MIN), or none. */
export function nsfwScores(r: Pick<NsfwResult, 'explicit'>): Partial<Record<CategoryId, number>> | undefined {
  return r.explicit >= NSFW_EXPLICIT_SCORE_MIN ? { sexual: r.explicit } : undefined;
}

/**
 * `nsfw` (runner `nsfw`): the NSFW image classifier (see `NsfwRunner`) on the variant its
 * `preprocess.resize` names. Per frame: token features, the sexual sum as the visual score 0..1 the
 * router reads, the drawing likelihood for alt-text, and an explicit frame's `sexual` score (`nsfwScores`).
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
      combine: 'max',
      cost: { tier: 'screen', msPerItem: 25 },
      async run(frames) {
        const out = await runner.run((frames as readonly RawImage[]).map((f) => asFrame(entry, f)));
        return out.map((r) => {
          const scores = nsfwScores(r);
          return {
            features: nsfwFeatures(labels, r),
            visualScore: r.sexual,
            alt: { drawing: r.drawing },
            ...(scores ? { scores } : {}),
          };
        });
      },
      release: () => runner.release(),
    };
  },
};
