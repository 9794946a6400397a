import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpertEntry } from '@vigil/contracts';
import { IMAGE_STATS_FEATURE_DIM, IMAGE_STATS_VARIANT } from '@vigil/model';
import type { BuildContext, ExpertBuilder } from '../bundle';

/**
 * Cheap first-stage image signals computed in JavaScript (colour statistics, text-likelihood gate for
 * OCR routing). No weights: the entry documents its input variant and feature width. Informs no category.
 */
export const imageStatsExpert: ExpertBuilder = {
  name: 'image-stats',
  async build(ctx: BuildContext): Promise<ExpertEntry> {
    const doc = 'image-stats: colour statistics and text likelihood, computed by @vigil/model (imageStats)\n';
    writeFileSync(join(ctx.outDir, 'image-stats.txt'), doc);
    return {
      name: 'image-stats',
      modality: 'image',
      runner: 'image-stats',
      files: { readme: 'image-stats.txt' },
      inputs: [{ name: 'image', shape: ['height', 'width', 3], dtype: 'uint8', description: 'RGB HWC' }],
      outputs: [{ name: 'features', shape: [IMAGE_STATS_FEATURE_DIM], dtype: 'float32' }],
      preprocess: {
        resize: IMAGE_STATS_VARIANT,
        scale: 1,
        mean: [0, 0, 0],
        std: [1, 1, 1],
        channel_order: 'RGB',
        layout: 'NHWC',
      },
      informs: [],
      params: { fusion_token: { dim: IMAGE_STATS_FEATURE_DIM } },
      provenance: [
        {
          source: '@vigil/model',
          version: '0.1.0',
          license: 'Apache-2.0',
          conversion: 'code (no weights)',
          sha256: ctx.sha256('image-stats.txt'),
        },
      ],
    };
  },
};
