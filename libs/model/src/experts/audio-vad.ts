import { join } from 'node:path';
import { AUDIO_FEATURE_DIM, SileroVad } from '../audio/vad';
import { ExpertConfigError } from '../expert';
import type { Expert, ExpertModule } from './contract';

/**
 * `audio-vad` (runner `silero-vad`): Silero VAD speech segments of an audio track and its level
 * statistics (see `SileroVad`). Features `[AUDIO_FEATURE_DIM]`; `speech` gates speech-to-text.
 */
export const audioVadModule: ExpertModule = {
  runner: 'silero-vad',
  core: true,
  async load({ entry, bundleDir, session }): Promise<Expert> {
    if (!entry.files.model) throw new ExpertConfigError(entry.name, 'no file with role "model"');
    const vad = await SileroVad.load(join(bundleDir, entry.files.model), session);
    return {
      name: entry.name,
      modality: 'audio',
      reads: ['audio'],
      emits: { categories: entry.informs, features: AUDIO_FEATURE_DIM },
      cost: { tier: 'screen', msPerItem: 30 },
      async run(tracks) {
        const out = await vad.analyze(tracks as readonly Uint8Array[]);
        return out.map((a) => ({ features: a.features, speech: a.segments }));
      },
    };
  },
};
