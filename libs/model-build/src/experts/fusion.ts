import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CategoryId, ExpertEntry } from '@vigil/contracts';
import { decodeWeights, type FusionWeightsFile } from '@vigil/model';
import type { BuildContext, ExpertBuilder } from '../bundle';
import { buildFusionGraph } from '../fusion/fusion-graph';

/** The committed fusion weights, written by `npm run models:train`. */
export const FUSION_WEIGHTS_PATH = resolve(__dirname, '..', '..', 'data', 'fusion', 'weights.json');

/** Reads the committed weights file. @throws Error naming `npm run models:train` when it is missing. */
export function readFusionWeights(path = FUSION_WEIGHTS_PATH): FusionWeightsFile {
  if (!existsSync(path)) throw new Error(`${path} is missing; run \`npm run models:train\``);
  return JSON.parse(readFileSync(path, 'utf8')) as FusionWeightsFile;
}

/** Categories the committed fusion model was trained on ([] before the first training). */
export function trainedCategories(): CategoryId[] {
  return existsSync(FUSION_WEIGHTS_PATH) ? [...readFusionWeights().trained] : [];
}

/**
 * Fusion mixture-of-experts: two ONNX graphs from a weights file (default: the committed one),
 * `fusion/moe.onnx` with com.microsoft::MoE and `fusion/moe-plain.onnx` with standard operators (same
 * outputs within 1e-5). Training builds one from untrained weights to read its features through.
 */
export function fusionExpertFrom(read: () => FusionWeightsFile = readFusionWeights): ExpertBuilder {
  return {
    name: 'fusion',
    build: (ctx) => buildFusion(ctx, read()),
  };
}

export const fusionExpert: ExpertBuilder = fusionExpertFrom();

async function buildFusion(ctx: BuildContext, file: FusionWeightsFile): Promise<ExpertEntry> {
  const weights = decodeWeights(file);
  mkdirSync(join(ctx.outDir, 'fusion'), { recursive: true });
  writeFileSync(join(ctx.outDir, 'fusion/moe.onnx'), buildFusionGraph(file.spec, weights, 'contrib'));
  writeFileSync(join(ctx.outDir, 'fusion/moe-plain.onnx'), buildFusionGraph(file.spec, weights, 'plain'));
  const { spec } = file;
  const C = spec.categories.length;
  const provenance = (path: string, conversion: string) => ({
    source: '@vigil/model-build data/fusion/weights.json',
    version: file.format,
    license: 'Apache-2.0',
    conversion,
    sha256: ctx.sha256(path),
  });
  return {
    name: 'fusion',
    modality: 'fusion',
    runner: 'fusion-moe',
    files: { model: 'fusion/moe.onnx', fallback: 'fusion/moe-plain.onnx' },
    inputs: [
      {
        name: 'features',
        shape: ['tokens', spec.featureDim],
        dtype: 'float32',
        description: 'token source features at their offsets',
      },
      {
        name: 'modality',
        shape: ['tokens', 5],
        dtype: 'float32',
        description: 'one-hot over caption, image_text, image, video_frames, audio',
      },
      {
        name: 'pool',
        shape: ['rows', 'tokens'],
        dtype: 'float32',
        description: '1 where a row pools a token',
      },
    ],
    outputs: [
      { name: 'logits', shape: ['rows', C], dtype: 'float32', labels: [...spec.categories] },
      {
        name: 'scores',
        shape: ['rows', C],
        dtype: 'float32',
        labels: [...spec.categories],
        description: 'calibrated: sigmoid(logits / temperature)',
      },
      { name: 'router_logits', shape: ['tokens', spec.experts], dtype: 'float32' },
    ],
    informs: [...file.trained],
    params: { spec, thresholds: file.thresholds, trained: file.trained, training: file.training },
    provenance: [
      provenance(
        'fusion/moe.onnx',
        'trained by npm run models:train; graph with com.microsoft::MoE by libs/model-build',
      ),
      provenance(
        'fusion/moe-plain.onnx',
        'trained by npm run models:train; plain-operator graph by libs/model-build',
      ),
    ],
  };
}
