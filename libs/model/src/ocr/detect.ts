import type { ImagePreprocess, RawImage } from '@vigil/contracts';
import { isNumber } from '../expert';
import { imagesToTensor } from '../image';
import { ort } from '../session';
import { dbBoxes, type DbParams, type TextBox } from './db-postprocess';

/**
 * The OCR expert's `det` parameters: DB post-processing, padding (`multiple`, `min_side`, px) and,
 * optionally, `gate_side` (px): the long side of a first, low-resolution detection pass that rules text
 * out before the full-size one.
 */
export type DetParams = DbParams & { multiple: number; min_side: number; gate_side?: number };

/** Type guard for {@link DetParams} (a manifest's `params.det`). */
export const isDetParams = (v: unknown): v is DetParams =>
  typeof v === 'object' &&
  v !== null &&
  ['thresh', 'box_thresh', 'unclip_ratio', 'min_size', 'max_candidates', 'multiple', 'min_side'].every((k) =>
    isNumber((v as Record<string, unknown>)[k]),
  ) &&
  ((v as Record<string, unknown>).gate_side === undefined ||
    isNumber((v as Record<string, unknown>).gate_side));

/**
 * Text regions of each image (`[h, w, 3]` uint8 RGB) with PaddleOCR's DB detector, in the image's own
 * pixels. Input: `[n, 3, H, W]` float32 per `pre`, H and W the image's size rounded up to `multiple`
 * (at least `min_side`), zero-padded. Images are batched only with images of the same padded size: the
 * detector's squeeze-and-excitation blocks pool over the whole map, so padding an image to a larger
 * batch-mate's size would change what it detects (a post's text would depend on its batch-mates).
 * @throws onnxruntime errors.
 */
export async function detectRegions(
  det: ort.InferenceSession,
  pre: ImagePreprocess,
  images: readonly RawImage[],
  p: DetParams,
): Promise<TextBox[][]> {
  const round = (v: number) => Math.max(p.min_side, Math.ceil(v / p.multiple) * p.multiple);
  const bySize = new Map<string, number[]>();
  images.forEach((img, b) => {
    const key = `${round(img.height)}x${round(img.width)}`;
    bySize.set(key, [...(bySize.get(key) ?? []), b]);
  });
  const found: TextBox[][] = images.map(() => []);
  for (const members of bySize.values()) {
    const H = round(images[members[0]!]!.height);
    const W = round(images[members[0]!]!.width);
    const x = imagesToTensor(
      members.map((b) => images[b]!),
      pre,
      [H, W],
    );
    const out = await det.run({
      [det.inputNames[0]!]: new ort.Tensor('float32', x.data, x.dims),
    });
    const map = out[det.outputNames[0]!]!.data as Float32Array;
    members.forEach((b, k) => {
      const img = images[b]!;
      // The region of the padded map that covers this image.
      const prob = new Float32Array(img.width * img.height);
      for (let y = 0; y < img.height; y++)
        prob.set(map.subarray(k * H * W + y * W, k * H * W + y * W + img.width), y * img.width);
      found[b] = dbBoxes(prob, img.width, img.height, p);
    });
  }
  return found;
}
