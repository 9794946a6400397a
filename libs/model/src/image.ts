import {
  resizeKey,
  type Frame,
  type ImagePreprocess,
  type RawImage,
  type ResizeSpec,
} from '@vigil/contracts';

/** What a runner needs of a frame: its decoded size and the resized variants ingest produced. */
export type FrameInput = Pick<Frame, 'width' | 'height' | 'variants'> & { timestamp_ms?: number };

/** Thrown when a frame lacks the variant an expert's manifest entry asks for. */
export class MissingVariantError extends Error {
  readonly code = 'EXPERT_FAILED';
  constructor(readonly key: string) {
    super(`frame has no "${key}" variant; ingest must produce every size in imageVariantSpecs(manifest)`);
    this.name = 'MissingVariantError';
  }
}

/** Thrown when an image's pixel buffer does not hold width × height × 3 bytes. */
export class InvalidImageError extends Error {
  readonly code = 'MEDIA_CORRUPT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidImageError';
  }
}

/** The variant of `frame` for `spec` (key `resizeKey(spec)`). @throws MissingVariantError. */
export function variantFor(frame: FrameInput, spec: ResizeSpec): RawImage {
  const key = resizeKey(spec);
  const image = frame.variants[key];
  if (!image) throw new MissingVariantError(key);
  if (image.data.length !== image.width * image.height * 3) {
    throw new InvalidImageError(
      `variant ${key}: ${image.data.length} bytes for ${image.width}×${image.height}×3`,
    );
  }
  return image;
}

/** A dense float tensor in row-major order. */
export interface FloatTensor {
  readonly data: Float32Array;
  readonly dims: number[];
}

/**
 * Writes RGB uint8 HWC images into one float32 batch tensor per the manifest's preprocessing:
 * value = (pixel · scale − mean[c]) / std[c], channels in `channel_order`, layout NCHW
 * `[batch, 3, H, W]` or NHWC `[batch, H, W, 3]`. Images smaller than H×W (variable-size variants,
 * `fit: inside`) are placed top-left and the rest is `pad` (in normalised units, default 0).
 * @param size [height, width] of the tensor; default: the first image's size.
 * @throws InvalidImageError when an image is larger than the tensor or its buffer is the wrong length.
 */
export function imagesToTensor(
  images: readonly RawImage[],
  pre: Pick<ImagePreprocess, 'scale' | 'mean' | 'std' | 'channel_order' | 'layout'>,
  size?: readonly [number, number],
  pad = 0,
): FloatTensor {
  const [h, w] = size ?? [images[0]?.height ?? 0, images[0]?.width ?? 0];
  const n = images.length;
  const plane = h * w;
  const data = new Float32Array(n * 3 * plane);
  if (pad !== 0) data.fill(pad);
  const order = pre.channel_order === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const k = order.map((src, c) => ({ src, mul: pre.scale / pre.std[c]!, add: -pre.mean[c]! / pre.std[c]! }));
  const nchw = pre.layout === 'NCHW';
  images.forEach((img, b) => {
    if (img.width > w || img.height > h || img.data.length !== img.width * img.height * 3) {
      throw new InvalidImageError(
        `image ${img.width}×${img.height} (${img.data.length} bytes) does not fit ${w}×${h}×3`,
      );
    }
    const base = b * 3 * plane;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const p = (y * img.width + x) * 3;
        const q = y * w + x;
        for (let c = 0; c < 3; c++) {
          const v = img.data[p + k[c]!.src]! * k[c]!.mul + k[c]!.add;
          data[nchw ? base + c * plane + q : base + q * 3 + c] = v;
        }
      }
    }
  });
  return { data, dims: nchw ? [n, 3, h, w] : [n, h, w, 3] };
}

/**
 * Bilinear resize of an RGB uint8 HWC image (pixel-centre aligned, as OpenCV INTER_LINEAR / sharp
 * without antialiasing). Used for OCR line crops and detector input rounding, not for ingest variants.
 */
export function resizeBilinear(img: RawImage, width: number, height: number): RawImage {
  const out = new Uint8Array(width * height * 3);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const a = img.data[(y0 * img.width + x0) * 3 + c]!;
        const b = img.data[(y0 * img.width + x1) * 3 + c]!;
        const d = img.data[(y1 * img.width + x0) * 3 + c]!;
        const e = img.data[(y1 * img.width + x1) * 3 + c]!;
        out[(y * width + x) * 3 + c] = Math.round(
          (a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy,
        );
      }
    }
  }
  return { width, height, data: out };
}
