import { imageStats, IMAGE_STATS_FEATURE_DIM, IMAGE_STATS_VARIANT } from '../image/image-stats';
import type { RawImage } from '@vigil/contracts';
import type { Expert, ExpertModule } from './contract';

/**
 * `image-stats` (runner `image-stats`): colour, edge and text-likelihood statistics of a frame in
 * plain code (see `imageStats`), the router's OCR gate (its `ocrGateScore`, reported as the output's
 * `textLikelihood`). Features `[IMAGE_STATS_FEATURE_DIM]`.
 * A frame it cannot read fails alone (`CorruptImageError`), not its batch.
 */
export const imageStatsModule: ExpertModule = {
  runner: 'image-stats',
  core: true,
  load({ entry }): Promise<Expert> {
    return Promise.resolve({
      name: entry.name,
      modality: 'image',
      reads: ['frame'],
      variant: IMAGE_STATS_VARIANT,
      emits: { categories: entry.informs, features: IMAGE_STATS_FEATURE_DIM },
      cost: { tier: 'screen', msPerItem: 1 },
      run(frames) {
        return Promise.resolve(
          (frames as readonly RawImage[]).map((f) => {
            try {
              const s = imageStats(f);
              return { features: s.features, textLikelihood: s.ocrGateScore };
            } catch (error) {
              return { failed: (error as Error).message };
            }
          }),
        );
      },
    });
  },
};
