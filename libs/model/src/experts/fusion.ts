import { join } from 'node:path';
import type { FusionInputs } from '../fusion/reference';
import { FusionModel } from '../fusion/fusion-model';
import type { FusionSpec } from '../fusion/spec';
import { ExpertConfigError } from '../expert';
import type { Expert, ExpertModule } from './contract';

/** The fusion expert: reads the tokens of a batch, emits calibrated category scores. */
export interface FusionExpert extends Expert {
  readonly spec: FusionSpec;
}

export function isFusionExpert(e: Expert): e is FusionExpert {
  return e.reads.includes('tokens') && 'spec' in e;
}

/**
 * `fusion` (runner `fusion-moe`): the mixture-of-experts fusion graph over the tokens of a batch
 * (`params.spec`: token sources, modality groups, categories); file role `model` (com.microsoft::MoE)
 * or `fallback` (standard operators) by `moe`. One call serves every request of a batch and its
 * attribution rows (see classify/fuse.ts).
 */
export const fusionModule: ExpertModule = {
  runner: 'fusion-moe',
  core: true,
  async load({ entry, bundleDir, session, moe }): Promise<FusionExpert> {
    const role = moe === 'plain' ? 'fallback' : 'model';
    if (!entry.files[role]) throw new ExpertConfigError(entry.name, `no file with role "${role}"`);
    const spec = entry.params.spec as FusionSpec;
    const model = await FusionModel.load(join(bundleDir, entry.files[role]), spec, session);
    return {
      name: entry.name,
      modality: 'fusion',
      reads: ['tokens'],
      spec,
      emits: { categories: entry.informs, features: 0 },
      cost: { tier: 'screen', msPerItem: 5 },
      async run(batches) {
        return Promise.all(
          (batches as readonly FusionInputs[]).map(async (b) => ({ fused: await model.run(b) })),
        );
      },
    };
  },
};
