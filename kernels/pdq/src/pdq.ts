import { PdqError } from './errors';
import { HASH_BYTES, hashToHex } from './hash';
import { nativePdq } from './native';
import { type RawPdq, hashPixelsTs } from './reference';

/** A PDQ hash (64 lowercase hex digits) and its quality 0..100 (the contract's `Frame.pdq`). */
export interface PdqHash {
  hash: string;
  quality: number;
}

/** The 8 dihedral variants in the reference's order (`pdq-photo-hasher --pdqdih`). rotate90 is 90°
 * clockwise; flipx mirrors top↔bottom, flipy left↔right; flipplus1 is the transpose, flipminus1 the
 * anti-diagonal transpose (pdqhashing.cpp). */
export const DIHEDRAL_VARIANTS = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipx',
  'flipy',
  'flipplus1',
  'flipminus1',
] as const;
export type DihedralVariant = (typeof DIHEDRAL_VARIANTS)[number];

/** Pixel samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA (alpha ignored). */
export type Channels = 1 | 2 | 3 | 4;

/** Which implementation to run: the addon when loaded (default), or the TypeScript reference. */
export type Implementation = 'auto' | 'native' | 'typescript';

function check(pixels: Uint8Array, width: number, height: number, channels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new PdqError(
      'PDQ_INVALID_PIXELS',
      `width and height must be non-negative integers, got ${width}×${height}`,
    );
  }
  if (![1, 2, 3, 4].includes(channels))
    throw new PdqError('PDQ_INVALID_PIXELS', `channels must be 1..4, got ${channels}`);
  if (pixels.length !== width * height * channels) {
    throw new PdqError(
      'PDQ_INVALID_PIXELS',
      `expected ${width}×${height}×${channels} = ${width * height * channels} bytes, got ${pixels.length}`,
    );
  }
}

function run(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  dihedral: boolean,
  impl: Implementation,
): RawPdq {
  check(pixels, width, height, channels);
  const addon = impl === 'typescript' ? null : nativePdq();
  if (!addon && impl === 'native') throw new Error('PDQ native addon is not available');
  return addon
    ? addon.hash(pixels, width, height, channels, dihedral)
    : hashPixelsTs(pixels, width, height, channels, dihedral);
}

/**
 * PDQ hash of decoded pixels, exactly as Meta's C++ reference computes it from the same pixels.
 * @param pixels `[height, width, channels]` uint8, row-major (sharp's raw output layout).
 * @param channels 1 grey, 2 grey+alpha, 3 RGB (default), 4 RGBA; alpha is ignored, not composited.
 * Images under 5 px in either dimension give the zero hash with quality 0.
 * @throws PdqError `PDQ_INVALID_PIXELS` when `pixels.length !== width * height * channels`.
 */
export function pdqHashPixels(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: Channels = 3,
  impl: Implementation = 'auto',
): PdqHash {
  const r = run(pixels, width, height, channels, false, impl);
  return { hash: hashToHex(r.hashes), quality: r.quality };
}

/** {@link pdqHashPixels} for `[height, width, 3]` RGB (e.g. an ffmpeg `rgb24` video frame). */
export function pdqHashRgb(rgb: Uint8Array, width: number, height: number): PdqHash {
  return pdqHashPixels(rgb, width, height, 3);
}

/**
 * All 8 dihedral PDQ hashes from one DCT (the reference's `pdqDihedralHash256esFromFloatLuma`): the
 * DCT-domain variants approximate hashes of the rotated/flipped image (0–8 bits off on photos, exact
 * for flipplus1). Like the reference, this path always runs the box filter, also on 64×64 input.
 * @throws PdqError `PDQ_INVALID_PIXELS` as {@link pdqHashPixels}.
 */
export function pdqDihedralHashes(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: Channels = 3,
  impl: Implementation = 'auto',
): { quality: number; hashes: Record<DihedralVariant, string> } {
  const r = run(pixels, width, height, channels, true, impl);
  const hashes = Object.fromEntries(
    DIHEDRAL_VARIANTS.map((name, v) => [name, hashToHex(r.hashes, v * HASH_BYTES)]),
  ) as Record<DihedralVariant, string>;
  return { quality: r.quality, hashes };
}
