import { resizeKey, type Frame, type RawImage, type ResizeSpec } from '@vigil/contracts';
import {
  applyExifOrientation,
  hashImage,
  isPdqMediaError,
  pdqHashPixels,
  pdqHashRgb,
  type Channels,
} from '@vigil/pdq';
import sharp, { type ResizeOptions, type Sharp } from 'sharp';
import { MediaError } from './errors';
import type { MediaLimits } from './limits';

export type ImageLimits = Pick<MediaLimits, 'maxPixels' | 'maxAnimationFrames' | 'decodeTimeoutMs'>;

/** What decoding an image, animation or video yields. */
export interface DecodedVisual {
  /** Size of one decoded frame before resizing (after EXIF orientation). */
  readonly width: number;
  readonly height: number;
  /** Animation or video length, ms; absent for still images. */
  readonly durationMs?: number;
  readonly frames: Frame[];
}

/**
 * Largest frame, pixels, whose PDQ is computed from a full-resolution decode (the reference hash bit for
 * bit, Meta's expected.csv). Larger frames are hashed from the bounded decode the variants come from,
 * at least {@link PDQ_DOWNSAMPLE_SIDE} px on the long side, so a 7071×7071 JPEG never decodes at full size.
 * 2048² keeps a full decode at 12 MiB of RGB.
 */
export const PDQ_FULL_DECODE_MAX_PIXELS = 2048 * 2048;

/**
 * Long side, px, of the downscaled image PDQ hashes for large frames: Meta's PDQ CLI squashes every image
 * over 512 px to 512 before hashing ("the Jarosz filter is prohibitively expensive for larger images",
 * threatexchange pdq/cpp/io/pdqio.cpp `DOWNSAMPLE_DIMS`); its hashes are 0–10 bits from full-size ones,
 * well inside the match threshold (31).
 */
export const PDQ_DOWNSAMPLE_SIDE = 512;

/** Letterbox / flatten colour when a spec does not name one: white, like a page behind a transparent image. */
const WHITE = { r: 255, g: 255, b: 255 };

/** Maps a sharp/libvips failure to a typed media error. */
export function sharpError(error: unknown): MediaError {
  const message = (error as Error).message ?? String(error);
  if (/pixel limit/i.test(message)) return new MediaError('MEDIA_TOO_MANY_PIXELS', message, { cause: error });
  if (/^timeout/i.test(message)) return new MediaError('MEDIA_DECODE_TIMEOUT', message, { cause: error });
  return new MediaError('MEDIA_CORRUPT', message, { cause: error });
}

function resizeOptions(spec: ResizeSpec): ResizeOptions {
  const [r, g, b] = spec.background ?? [WHITE.r, WHITE.g, WHITE.b];
  return {
    width: spec.width,
    height: spec.height,
    fit: spec.fit,
    // `inside` never enlarges (it bounds detector/OCR input); `fill` and `contain` produce exact model shapes.
    withoutEnlargement: spec.fit === 'inside',
    background: { r, g, b },
  };
}

/**
 * Scale (≤ 1) of one intermediate decode from which every variant can be resized without upsampling:
 * `fill` needs both sides at least its target, `inside`/`contain` need the box's limiting side.
 */
export function intermediateScale(width: number, height: number, specs: readonly ResizeSpec[]): number {
  let scale = 0;
  for (const s of specs) {
    const sx = s.width / width;
    const sy = s.height / height;
    scale = Math.max(scale, s.fit === 'fill' ? Math.max(sx, sy) : Math.min(sx, sy));
  }
  return Math.min(1, scale);
}

/**
 * Decodes one frame into `[h, w, 3]` uint8 RGB variants, one per spec, keyed by `resizeKey(spec)`.
 *
 * `pipeline` must open the input (bytes, page). The frame is EXIF-oriented, converted to sRGB (embedded
 * ICC profile, or libvips' CMYK default for CMYK JPEGs) and alpha-flattened on white. With several
 * variants of a larger frame it is decoded once, downscaled to the smallest size every variant can come
 * from (for JPEG and WebP libvips then shrinks on load), and each variant is resized from that raw
 * intermediate; a frame already smaller than that goes straight from the input to each variant.
 *
 * With `hashLongSide`, a frame longer than that is always decoded through the intermediate, made at
 * least `hashLongSide` px on its long side, and returned as `hashSource` (`[h, w, 3]` uint8 RGB, as
 * shown) so PDQ hashes the same bounded decode; a smaller frame returns no `hashSource`.
 * @throws MediaError MEDIA_CORRUPT, MEDIA_TOO_MANY_PIXELS or MEDIA_DECODE_TIMEOUT.
 */
export async function frameVariants(
  pipeline: Sharp,
  size: { width: number; height: number },
  specs: readonly ResizeSpec[],
  timeoutMs: number,
  hashLongSide?: number,
): Promise<{ variants: Record<string, RawImage>; hashSource?: RawImage }> {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const hashScale = hashLongSide ? Math.min(1, hashLongSide / Math.max(size.width, size.height)) : 1;
  const forHash = hashScale < 1;
  const scale = forHash
    ? Math.max(hashScale, intermediateScale(size.width, size.height, specs))
    : intermediateScale(size.width, size.height, specs);
  const base = pipeline
    .timeout({ seconds })
    .autoOrient()
    .flatten({ background: WHITE })
    .toColourspace('srgb');
  const variants: Record<string, RawImage> = {};
  const variant = async (spec: ResizeSpec, from: Sharp) => {
    const { data, info } = await from.resize(resizeOptions(spec)).raw().toBuffer({ resolveWithObject: true });
    variants[resizeKey(spec)] = { width: info.width, height: info.height, data };
  };
  try {
    if (specs.length === 0 && !forHash) {
      // No variant asked for (a bundle without image experts): still decode, so corrupt input is caught.
      await base.resize(1, 1).raw().toBuffer();
    } else if (!forHash && (scale >= 1 || specs.length === 1)) {
      // Nothing to gain from a shared intermediate (small frame, or one variant): each variant from the input.
      for (const spec of specs) await variant(spec, base.clone());
    } else {
      const { data, info } = await base
        .resize({
          width: Math.max(1, Math.ceil(size.width * scale)),
          height: Math.max(1, Math.ceil(size.height * scale)),
          fit: 'fill',
        })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = { width: info.width, height: info.height, channels: info.channels };
      for (const spec of specs) await variant(spec, sharp(data, { raw }).timeout({ seconds }));
      if (forHash) return { variants, hashSource: { width: info.width, height: info.height, data } };
    }
    return { variants };
  } catch (error) {
    throw sharpError(error);
  }
}

/** Frame indices to decode from an animation of `pages` frames: evenly spread, first frame included. */
export function sampleIndices(pages: number, max: number): number[] {
  const k = Math.max(1, Math.min(pages, max));
  return Array.from({ length: k }, (_, i) => Math.floor((i * pages) / k));
}

/**
 * Decodes a still image or an animated GIF/WebP (JPEG, PNG, WebP, AVIF, GIF, TIFF) into frames with one
 * RGB uint8 HWC variant per resize spec (sizes come from the model bundle manifest, never from code).
 *
 * The pixel count is checked from the header before any pixel is decoded (a 30000×30000 PNG bomb costs
 * a header read), and libvips' own `limitInputPixels` guards the decode. Animations are sampled: at most
 * `maxAnimationFrames` frames spread evenly, each with its timestamp (sum of the previous frames' delays).
 * @throws MediaError MEDIA_TOO_MANY_PIXELS, MEDIA_CORRUPT or MEDIA_DECODE_TIMEOUT.
 */
export async function decodeImage(
  bytes: Buffer,
  specs: readonly ResizeSpec[],
  limits: ImageLimits,
): Promise<DecodedVisual> {
  const options = { limitInputPixels: limits.maxPixels, failOn: 'error' as const };
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { ...options, animated: true }).metadata();
  } catch (error) {
    throw sharpError(error);
  }
  const pages = meta.pages ?? 1;
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width * frameHeight > limits.maxPixels) {
    throw new MediaError(
      'MEDIA_TOO_MANY_PIXELS',
      `${meta.width}×${frameHeight} = ${meta.width * frameHeight} pixels exceeds the ${limits.maxPixels}-pixel limit`,
    );
  }
  const deadline = Date.now() + limits.decodeTimeoutMs;
  const remaining = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) throw new MediaError('MEDIA_DECODE_TIMEOUT', `decode passed ${limits.decodeTimeoutMs} ms`);
    return ms;
  };

  const hashFromDecode = meta.width * frameHeight > PDQ_FULL_DECODE_MAX_PIXELS;
  const hashSide = hashFromDecode ? PDQ_DOWNSAMPLE_SIDE : undefined;
  if (pages <= 1) {
    const size = meta.autoOrient ?? { width: meta.width, height: meta.height };
    const { variants, hashSource } = await frameVariants(
      sharp(bytes, options),
      size,
      specs,
      remaining(),
      hashSide,
    );
    const hashes = hashSource
      ? downscaledPdq(hashSource, meta.orientation ?? 1)
      : await stillImagePdq(bytes, limits.maxPixels);
    return { ...size, frames: [{ timestamp_ms: 0, ...size, variants, ...hashes }] };
  }

  const delays = meta.delay ?? [];
  const startOf = (page: number) => delays.slice(0, page).reduce((sum, d) => sum + d, 0);
  const size = { width: meta.width, height: frameHeight };
  const frames: Frame[] = [];
  for (const page of sampleIndices(pages, limits.maxAnimationFrames)) {
    const { variants, hashSource } = await frameVariants(
      sharp(bytes, { ...options, page, pages: 1 }),
      size,
      specs,
      remaining(),
      hashSide,
    );
    const pdq = hashSource
      ? pdqHashRgb(hashSource.data, hashSource.width, hashSource.height)
      : await pagePdq(sharp(bytes, { ...options, page, pages: 1 }));
    frames.push({ timestamp_ms: startOf(page), ...size, variants, pdq });
  }
  return { ...size, durationMs: startOf(pages), frames };
}

/**
 * PDQ of a still image with @vigil/pdq (the reference's decoding: full resolution, no ICC transform),
 * as shown (EXIF orientation applied) and, when the orientation is not 1, of the stored pixel grid as
 * Meta's reference tools hash it. Both travel in the frame; banks are matched against both.
 * @throws MediaError with the decode code when the image cannot be decoded for hashing.
 */
export async function stillImagePdq(
  bytes: Uint8Array,
  maxPixels: number,
): Promise<Pick<Frame, 'pdq' | 'pdq_unoriented'>> {
  try {
    const h = await hashImage(bytes, { maxPixels });
    return {
      pdq: { hash: h.hash, quality: h.quality },
      ...(h.stored ? { pdq_unoriented: { hash: h.stored.hash, quality: h.stored.quality } } : {}),
    };
  } catch (error) {
    // @vigil/pdq spells its media codes as literals (kernels import nothing from libs): passing one
    // where a contract MediaErrorCode is expected is the compile-time check that they still agree.
    if (isPdqMediaError(error)) throw new MediaError(error.code, error.message, { cause: error });
    throw error;
  }
}

/** EXIF orientation that undoes orientation `o` (6 and 8 are each other's inverse; the rest undo themselves). */
const INVERSE_ORIENTATION: Readonly<Record<number, number>> = { 6: 8, 8: 6 };

/**
 * PDQ of a large still image from its bounded decode (`shown`: oriented `[h, w, 3]` RGB), and of the
 * stored pixel grid (orientation undone on the same pixels) when EXIF `orientation` is not 1; see
 * {@link PDQ_DOWNSAMPLE_SIDE} for why a downscaled image hashes within a few bits of the full one.
 */
function downscaledPdq(shown: RawImage, orientation: number): Pick<Frame, 'pdq' | 'pdq_unoriented'> {
  const pdq = pdqHashRgb(shown.data, shown.width, shown.height);
  if (orientation <= 1 || orientation > 8) return { pdq };
  const stored = applyExifOrientation(
    { data: shown.data, width: shown.width, height: shown.height, channels: 3 },
    INVERSE_ORIENTATION[orientation] ?? orientation,
  );
  return { pdq, pdq_unoriented: pdqHashRgb(stored.data, stored.width, stored.height) };
}

/** PDQ of one animation page, decoded at full size (alpha is ignored by the hash, not composited). */
async function pagePdq(page: Sharp): Promise<NonNullable<Frame['pdq']>> {
  try {
    const { data, info } = await page.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return pdqHashPixels(data, info.width, info.height, info.channels as Channels);
  } catch (error) {
    throw sharpError(error);
  }
}
