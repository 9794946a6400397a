import { resolve } from 'node:path';
import { resizeKey, type RawImage, type ResizeSpec } from '@vigil/contracts';
import sharp from 'sharp';
import type { FrameInput } from '../src';

/** Repository root, bundle and photo folders as CI lays them out. */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const BUNDLE_DIR = process.env.VIGIL_BUNDLE_DIR ?? resolve(ROOT, '.models/vigil-base');
export const PHOTOS_DIR = process.env.VIGIL_PHOTOS_DIR ?? resolve(ROOT, '.data/photos');

async function toRaw(pipeline: sharp.Sharp): Promise<RawImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** Decodes an image (file path or encoded bytes) to RGB uint8 HWC. */
export async function decodeRgb(input: string | Buffer): Promise<RawImage> {
  return toRaw(sharp(input).rotate().removeAlpha().toColourspace('srgb'));
}

/** Resizes raw RGB pixels to one variant the way ingest does (sharp, `fit` as in the spec). */
export async function variant(image: RawImage, spec: ResizeSpec): Promise<RawImage> {
  return toRaw(
    sharp(image.data, {
      raw: { width: image.width, height: image.height, channels: 3 },
    }).resize(spec.width, spec.height, {
      fit: spec.fit,
      withoutEnlargement: spec.fit === 'inside',
      background: spec.background
        ? { r: spec.background[0], g: spec.background[1], b: spec.background[2] }
        : undefined,
    }),
  );
}

/** A frame with one variant per spec, as ingest would send it. */
export async function frameFrom(
  input: string | Buffer | RawImage,
  specs: readonly ResizeSpec[],
): Promise<FrameInput> {
  const image = typeof input === 'string' || Buffer.isBuffer(input) ? await decodeRgb(input) : input;
  const variants: Record<string, RawImage> = {};
  for (const spec of specs) variants[resizeKey(spec)] = await variant(image, spec);
  return { width: image.width, height: image.height, variants, timestamp_ms: 0 };
}
