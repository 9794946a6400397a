import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { NSFW_FEATURE_DIM } from '@vigil/model';
import type { ExpertBuilder } from '../bundle';
import { NSFWJS, sourceDir } from './sources';
import { convertLayersModel, decodeWeights, type TfjsModelJson } from '../tfjs';

/** NSFW classes in output order, as nsfwjs defines them (`nsfw_classes.js`). */
export const NSFW_LABELS = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;

/**
 * Loads nsfwjs' bundled MobileNetV2 (Keras layers model; UMD files with the model JSON and base64
 * uint8-quantised weights) from the installed package.
 */
export function loadNsfwjsMobileNetV2(packageDir: string): { json: TfjsModelJson; weights: Uint8Array } {
  const req = createRequire(join(packageDir, 'package.json'));
  const json = req(join(packageDir, 'dist/models/mobilenet_v2/model.min.js')) as TfjsModelJson;
  const shard = req(join(packageDir, 'dist/models/mobilenet_v2/group1-shard1of1.min.js')) as string;
  return { json, weights: new Uint8Array(Buffer.from(shard, 'base64')) };
}

/**
 * The `nsfw` expert: nsfwjs MobileNetV2 (224×224, GantMan/nsfw_model) converted to ONNX, with the
 * 1280-d pooled features (`flatten_1`) as a second output for the fusion model.
 * Preprocessing as nsfwjs: RGB / 255, NHWC (nsfwjs resizes bilinearly with align_corners).
 */
export const nsfwExpert: ExpertBuilder = {
  name: 'nsfw',
  async build(ctx) {
    const dir = sourceDir(ctx, NSFWJS);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version: string;
      license?: string;
    };
    const { json, weights } = loadNsfwjsMobileNetV2(dir);
    const tensors = decodeWeights(
      json.weightsManifest.flatMap((m) => m.weights),
      weights,
    );
    const onnx = convertLayersModel(json.modelTopology, tensors, {
      name: 'nsfw_mobilenet_v2',
      inputName: 'input',
      outputName: 'probabilities',
      extraOutputs: [{ layer: 'flatten_1', name: 'embedding' }],
    });
    writeFileSync(join(ctx.outDir, 'nsfw.onnx'), onnx);
    return {
      name: 'nsfw',
      modality: 'image',
      runner: 'nsfw',
      files: { model: 'nsfw.onnx' },
      inputs: [
        { name: 'input', shape: ['batch', 224, 224, 3], dtype: 'float32', description: 'RGB 0..1, NHWC' },
      ],
      outputs: [
        { name: 'probabilities', shape: ['batch', 5], dtype: 'float32', labels: [...NSFW_LABELS] },
        {
          name: 'embedding',
          shape: ['batch', 1280],
          dtype: 'float32',
          description: 'MobileNetV2 pooled features (flatten_1), input of the fusion model',
        },
      ],
      preprocess: {
        resize: { fit: 'fill', width: 224, height: 224 },
        scale: 1 / 255,
        mean: [0, 0, 0],
        std: [1, 1, 1],
        channel_order: 'RGB',
        layout: 'NHWC',
      },
      informs: ['sexual'],
      params: {
        /** Labels whose probabilities add up to the `sexual` score; severity from Porn/Hentai vs Sexy. */
        sexual_labels: ['Porn', 'Hentai', 'Sexy'],
        explicit_labels: ['Porn', 'Hentai'],
        /** Labels meaning the image is a drawing or illustration rather than a photo. */
        drawing_labels: ['Drawing', 'Hentai'],
        /** Fusion token: the probabilities in label order ‖ sexual ‖ explicit ‖ drawing sums. */
        fusion_token: { dim: NSFW_FEATURE_DIM },
      },
      provenance: [
        {
          source: 'nsfwjs',
          version: pkg.version,
          license: pkg.license ?? 'UNKNOWN',
          upstream: 'GantMan/nsfw_model (MIT), MobileNetV2 224',
          conversion:
            'tfjs layers model (npm pack, integrity pinned) → ONNX by libs/model-build/src/tfjs (BatchNorm folded)',
          sha256: ctx.sha256('nsfw.onnx'),
        },
      ],
    };
  },
};
