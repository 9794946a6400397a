import sharp from 'sharp';
import { PdqError } from './errors';
import { type Channels, type PdqHash, pdqHashPixels } from './pdq';

/** PDQ of an encoded image as a viewer shows it, plus the stored pixel grid's when they differ. */
export interface ImageHash extends PdqHash {
  /** EXIF orientation of the file (1..8; 1 when absent). `hash` is of the image after applying it. */
  orientation: number;
  /** Size of the hashed (oriented) image, px. */
  width: number;
  height: number;
  /**
   * Hash of the stored pixel grid, without EXIF orientation: what Meta's reference tools (and so most
   * shared hash lists) compute, since ImageMagick's PNM conversion and Java ImageIO do not auto-orient.
   * Present only when `orientation` is not 1; match both against banks.
   */
  stored?: PdqHash;
}

export interface HashImageOptions {
  /** Refuse images with more pixels than this (sharp `limitInputPixels`). Default 100 M. */
  maxPixels?: number;
}

/** Decoded pixels: `[height, width, channels]` uint8, row-major. */
export interface DecodedImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: Channels;
}

/**
 * Decodes an image with sharp and returns its PDQ hash (first frame of animations).
 * Decoding is {@link decodeForHashing}; on every 8-bit reference image this gives the reference hash
 * bit for bit (test/reference-vectors.test.ts).
 * @param input encoded image bytes (JPEG, PNG, WebP, GIF, TIFF, AVIF, … as sharp reads them).
 * @throws PdqError `MEDIA_UNSUPPORTED_TYPE` (not an image sharp reads), `MEDIA_TOO_MANY_PIXELS`,
 *   `MEDIA_CORRUPT` (truncated or invalid data).
 */
export async function hashImage(input: Uint8Array, options: HashImageOptions = {}): Promise<ImageHash> {
  const { image, orientation } = await decodeForHashing(input, options);
  const stored = pdqHashPixels(image.data, image.width, image.height, image.channels);
  if (orientation === 1) return { ...stored, orientation, width: image.width, height: image.height };
  const shown = applyExifOrientation(image, orientation);
  const hash = pdqHashPixels(shown.data, shown.width, shown.height, shown.channels);
  return { ...hash, orientation, width: shown.width, height: shown.height, stored };
}

/**
 * Decodes the stored pixel grid (first frame) the way the reference path (ImageMagick → PNM → CImg)
 * does where it matters: no ICC colour transform; grey stays one channel (the reference's grey luma
 * path); alpha is kept as a sample the hash ignores (dropped, not composited); CMYK becomes RGB with
 * ImageMagick's formula R = (255−C)(255−K)/255; 16-bit samples are scaled to 8 bits.
 * @returns the pixels and the EXIF orientation (1..8, 1 when absent or invalid), not yet applied.
 * @throws PdqError as {@link hashImage}.
 */
export async function decodeForHashing(
  input: Uint8Array,
  options: HashImageOptions = {},
): Promise<{ image: DecodedImage; orientation: number }> {
  const limitInputPixels = options.maxPixels ?? 100_000_000;
  try {
    const meta = await sharp(input, { limitInputPixels }).metadata();
    const o = meta.orientation ?? 1;
    return {
      image: await decode(input, meta.space, limitInputPixels),
      orientation: o >= 1 && o <= 8 ? o : 1,
    };
  } catch (err) {
    throw decodeError(err);
  }
}

async function decode(
  input: Uint8Array,
  space: string | undefined,
  limitInputPixels: number,
): Promise<DecodedImage> {
  const image = sharp(input, { limitInputPixels });
  if (space === 'cmyk') {
    const { data, info } = await image
      .pipelineColourspace('cmyk')
      .toColourspace('cmyk')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const n = info.width * info.height;
    const rgb = new Uint8Array(n * 3);
    for (let p = 0; p < n; p++) {
      const k = 255 - data[p * info.channels + 3]!;
      for (let c = 0; c < 3; c++)
        rgb[p * 3 + c] = Math.round(((255 - data[p * info.channels + c]!) * k) / 255);
    }
    return { data: rgb, width: info.width, height: info.height, channels: 3 };
  }
  const grey = space === 'b-w' || space === 'grey16';
  const pipeline = grey ? image.keepIccProfile().toColourspace('b-w') : image.keepIccProfile();
  const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: info.channels as Channels,
  };
}

/**
 * Applies EXIF orientation `o` (2..8) to a pixel grid: a pure permutation of pixels, the same one
 * sharp's `.rotate()` performs (checked in test/image.test.ts). Orientation semantics: EXIF 2.32 §4.6.4
 * tag 0x0112 (2 mirror horizontal, 3 rotate 180, 4 mirror vertical, 5 transpose, 6 rotate 90° CW,
 * 7 transverse, 8 rotate 90° CCW).
 */
export function applyExifOrientation(src: DecodedImage, o: number): DecodedImage {
  const { width: w, height: h, channels: ch, data } = src;
  // Source pixel of output pixel (x, y), per orientation.
  const source: Record<number, (x: number, y: number) => [number, number]> = {
    2: (x, y) => [w - 1 - x, y],
    3: (x, y) => [w - 1 - x, h - 1 - y],
    4: (x, y) => [x, h - 1 - y],
    5: (x, y) => [y, x],
    6: (x, y) => [y, h - 1 - x],
    7: (x, y) => [w - 1 - y, h - 1 - x],
    8: (x, y) => [w - 1 - y, x],
  };
  const from = source[o] ?? ((x: number, y: number): [number, number] => [x, y]);
  const swap = o >= 5 && o <= 8;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const [sx, sy] = from(x, y);
      out.set(data.subarray((sy * w + sx) * ch, (sy * w + sx + 1) * ch), (y * ow + x) * ch);
    }
  }
  return { data: out, width: ow, height: oh, channels: ch };
}

function decodeError(err: unknown): PdqError {
  const message = err instanceof Error ? err.message : String(err);
  if (/unsupported image format/i.test(message)) {
    return new PdqError('MEDIA_UNSUPPORTED_TYPE', `not a supported image: ${message}`, { cause: err });
  }
  if (/pixel limit/i.test(message)) {
    return new PdqError('MEDIA_TOO_MANY_PIXELS', `image too large to hash: ${message}`, { cause: err });
  }
  return new PdqError('MEDIA_CORRUPT', `image could not be decoded: ${message}`, { cause: err });
}
