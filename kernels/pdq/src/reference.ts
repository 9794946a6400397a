/**
 * TypeScript reference implementation of PDQ, step for step the same as native/pdq_core.cc (and so
 * as Meta's C++ reference, pdq/cpp/hashing/pdqhashing.cpp and downscaling/downscaling.cpp at
 * ThreatExchange baefb4ed; each step's comment states the reference's rule).
 * Every float operation is rounded to float32 with Math.fround in the reference's order, which gives
 * bit-identical results: a float32 +, −, ×, ÷ computed in double and rounded once is correctly rounded.
 * Used by the parity tests and as the fallback when the native addon is unavailable.
 */
import { HASH_BYTES } from './hash';

const f = Math.fround;

export const MIN_HASHABLE_DIM = 5;
export const DIHEDRAL_COUNT = 8;
const LUMA_R = f(0.299);
const LUMA_G = f(0.587);
const LUMA_B = f(0.114);
const JAROSZ_PASSES = 2;

/** The 16×64 DCT-II matrix for frequencies 1..16: sqrt(2/64)·cos(π/128·(i+1)·(2j+1)), the scale a
 * float32, the product in double, stored as float32 (as dct_matrix_64 in pdqhashing.cpp). */
export const DCT_MATRIX: Float32Array = (() => {
  const d = new Float32Array(16 * 64);
  const scale = f(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) d[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return d;
})();

/** Result of one hashing call: quality 0..100 and 1 or 8 hashes of 32 bytes each, concatenated. */
export interface RawPdq {
  quality: number;
  hashes: Uint8Array;
}

/**
 * PDQ of a pixel buffer.
 * @param pixels `[height, width, channels]` uint8, row-major; channels 1|2 read sample 0 as grey,
 *   3|4 read samples 0..2 as R,G,B; a trailing alpha sample is ignored.
 * @param dihedral also compute the 7 other dihedral variants (order: original, rotate90, rotate180,
 *   rotate270, flipx, flipy, flipplus1, flipminus1).
 * Inputs under 5 px in either dimension hash to zero with quality 0.
 */
export function hashPixelsTs(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  dihedral: boolean,
): RawPdq {
  const count = dihedral ? DIHEDRAL_COUNT : 1;
  const hashes = new Uint8Array(HASH_BYTES * count);
  if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM) return { quality: 0, hashes };
  const n = width * height;
  const luma = new Float32Array(n);
  if (channels >= 3) {
    for (let p = 0, s = 0; p < n; p++, s += channels) {
      luma[p] = f(f(f(LUMA_R * pixels[s]!) + f(LUMA_G * pixels[s + 1]!)) + f(LUMA_B * pixels[s + 2]!));
    }
  } else {
    for (let p = 0; p < n; p++) luma[p] = pixels[p * channels]!;
  }
  const a = downsample64(luma, height, width, !dihedral);
  const quality = quality64(a);
  const b = dct64To16(a);
  setBits(b, hashes, 0);
  if (dihedral) {
    const t = new Float32Array(256);
    for (let v = 1; v < DIHEDRAL_COUNT; v++) {
      dihedralVariant(b, v, t);
      setBits(t, hashes, v * HASH_BYTES);
    }
  }
  return { quality, hashes };
}

function jaroszWindow(oldDim: number): number {
  return Math.floor((oldDim + 127) / 128);
}

// Box pass along rows; see boxRows in native/pdq_core.cc.
function boxRows(x: Float32Array, y: Float32Array, rows: number, cols: number, window: number): void {
  const half = Math.floor((window + 2) / 2);
  const p1 = half - 1,
    p2 = window - half + 1,
    p3 = cols - window,
    p4 = half - 1;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let li = base,
      ri = base,
      oi = base,
      n = 0,
      sum = 0;
    for (let k = 0; k < p1; k++, n++) sum = f(sum + x[ri++]!);
    for (let k = 0; k < p2; k++) {
      sum = f(sum + x[ri++]!);
      n++;
      y[oi++] = sum / n;
    }
    for (let k = 0; k < p3; k++) {
      sum = f(f(sum + x[ri++]!) - x[li++]!);
      y[oi++] = sum / n;
    }
    for (let k = 0; k < p4; k++) {
      sum = f(sum - x[li++]!);
      n--;
      y[oi++] = sum / n;
    }
  }
}

// Box pass down columns, all columns together; see boxCols in native/pdq_core.cc.
function boxCols(
  x: Float32Array,
  y: Float32Array,
  rows: number,
  cols: number,
  window: number,
  s: Float32Array,
): void {
  const half = Math.floor((window + 2) / 2);
  const p1 = half - 1,
    p2 = window - half + 1,
    p3 = rows - window,
    p4 = half - 1;
  s.fill(0);
  let li = 0,
    ri = 0,
    oi = 0,
    n = 0;
  for (let k = 0; k < p1; k++, ri++, n++) {
    const xr = ri * cols;
    for (let j = 0; j < cols; j++) s[j] = s[j]! + x[xr + j]!;
  }
  for (let k = 0; k < p2; k++, ri++, oi++) {
    const xr = ri * cols,
      yr = oi * cols;
    n++;
    for (let j = 0; j < cols; j++) {
      s[j] = s[j]! + x[xr + j]!;
      y[yr + j] = s[j]! / n;
    }
  }
  for (let k = 0; k < p3; k++, ri++, li++, oi++) {
    const xr = ri * cols,
      zr = li * cols,
      yr = oi * cols;
    for (let j = 0; j < cols; j++) {
      s[j] = f(s[j]! + x[xr + j]!) - x[zr + j]!;
      y[yr + j] = s[j]! / n;
    }
  }
  for (let k = 0; k < p4; k++, li++, oi++) {
    const zr = li * cols,
      yr = oi * cols;
    n--;
    for (let j = 0; j < cols; j++) {
      s[j] = s[j]! - x[zr + j]!;
      y[yr + j] = s[j]! / n;
    }
  }
}

// Jarosz filter then centre-sample decimation to 64×64 (exact 64×64 copied, except for dihedral).
function downsample64(buf1: Float32Array, rows: number, cols: number, copyExact64: boolean): Float32Array {
  const out = new Float32Array(64 * 64);
  if (copyExact64 && rows === 64 && cols === 64) {
    out.set(buf1);
    return out;
  }
  const buf2 = new Float32Array(buf1.length);
  const sums = new Float32Array(cols);
  const wRows = jaroszWindow(cols),
    wCols = jaroszWindow(rows);
  for (let p = 0; p < JAROSZ_PASSES; p++) {
    boxRows(buf1, buf2, rows, cols, wRows);
    boxCols(buf2, buf1, rows, cols, wCols, sums);
  }
  for (let i = 0; i < 64; i++) {
    const ii = Math.floor(((i + 0.5) * rows) / 64);
    for (let j = 0; j < 64; j++) {
      const jj = Math.floor(((j + 0.5) * cols) / 64);
      out[i * 64 + j] = buf1[ii * cols + jj]!;
    }
  }
  return out;
}

// Gradient-sum quality: (int)((u−v)·100/255) in float32, |·| summed, integer /90, capped at 100.
function quality64(a: Float32Array): number {
  let sum = 0;
  const term = (u: number, v: number) => Math.abs(Math.trunc(f(f(f(u - v) * 100) / 255)));
  for (let i = 0; i < 63; i++) for (let j = 0; j < 64; j++) sum += term(a[i * 64 + j]!, a[(i + 1) * 64 + j]!);
  for (let i = 0; i < 64; i++) for (let j = 0; j < 63; j++) sum += term(a[i * 64 + j]!, a[i * 64 + j + 1]!);
  return Math.min(Math.floor(sum / 90), 100);
}

// B = D·A·Dᵀ (16×16), float32 accumulation in index order.
function dct64To16(a: Float32Array): Float32Array {
  const d = DCT_MATRIX;
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s = f(s + f(d[i * 64 + k]! * a[k * 64 + j]!));
      t[i * 64 + j] = s;
    }
  }
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s = f(s + f(t[i * 64 + k]! * d[j * 64 + k]!));
      b[i * 16 + j] = s;
    }
  }
  return b;
}

// Bit k = 16i+j set iff B[i][j] > the lower median (128th smallest; Torben's selection in torben.cpp).
function setBits(b: Float32Array, out: Uint8Array, offset: number): void {
  const median = Float32Array.from(b).sort()[127]!;
  for (let k = 0; k < 256; k++) {
    if (b[k]! > median) out[offset + (k >> 3)]! |= 1 << (k & 7);
  }
}

// Dihedral variant v of the DCT output (pdqDihedralHash256esFromFloatLuma, pdqhashing.cpp): whether it transposes, and which original
// coefficients (i, j) it negates.
const DIHEDRAL: { transpose: boolean; negate: (i: number, j: number) => boolean }[] = [
  { transpose: false, negate: () => false }, // original
  { transpose: true, negate: (_i, j) => (j & 1) === 0 }, // rotate90
  { transpose: false, negate: (i, j) => ((i + j) & 1) === 1 }, // rotate180
  { transpose: true, negate: (i) => (i & 1) === 0 }, // rotate270
  { transpose: false, negate: (i) => (i & 1) === 0 }, // flipx
  { transpose: false, negate: (_i, j) => (j & 1) === 0 }, // flipy
  { transpose: true, negate: () => false }, // flipplus1
  { transpose: true, negate: (i, j) => ((i + j) & 1) === 1 }, // flipminus1
];

function dihedralVariant(a: Float32Array, v: number, out: Float32Array): void {
  const { transpose, negate } = DIHEDRAL[v]!;
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const x = a[i * 16 + j]!;
      out[transpose ? j * 16 + i : i * 16 + j] = negate(i, j) ? -x : x;
    }
  }
}
