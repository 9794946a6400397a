import type { RawImage } from '@vigil/contracts';
import type { Quad } from './db-postprocess';

/** Solves the 8×8 system of the projective transform mapping `src[i]` → `dst[i]` (Gaussian elimination). */
function homography(src: Quad, dst: Quad): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let pivot = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const d = a[c]![c]! || 1e-12;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / d;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return [...a.map((row, i) => row[8]! / (row[i]! || 1e-12)), 1];
}

/**
 * Rectifies the quad of `image` into an upright line image (PaddleOCR `get_rotate_crop_image`):
 * width = the longer of the top/bottom edges, height = the longer of the left/right edges, bilinear
 * sampling through the inverse perspective transform, border pixels replicated. A crop at least 1.5×
 * taller than wide is rotated 90° counter-clockwise (vertical text).
 */
export function cropQuad(image: RawImage, quad: Quad): RawImage {
  const dist = (p: readonly number[], q: readonly number[]) => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!);
  const w = Math.max(1, Math.round(Math.max(dist(quad[0], quad[1]), dist(quad[3], quad[2]))));
  const h = Math.max(1, Math.round(Math.max(dist(quad[0], quad[3]), dist(quad[1], quad[2]))));
  // Map output pixels → source: the homography from the target rectangle to the quad.
  const m = homography(
    [
      [0, 0],
      [w, 0],
      [w, h],
      [0, h],
    ],
    quad,
  );
  const out = new Uint8Array(w * h * 3);
  const W = image.width;
  const H = image.height;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const X = x + 0.5;
      const Y = y + 0.5;
      const z = m[6]! * X + m[7]! * Y + m[8]!;
      const sx = Math.min(Math.max((m[0]! * X + m[1]! * Y + m[2]!) / z - 0.5, 0), W - 1);
      const sy = Math.min(Math.max((m[3]! * X + m[4]! * Y + m[5]!) / z - 0.5, 0), H - 1);
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, W - 1);
      const y1 = Math.min(y0 + 1, H - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const p00 = image.data[(y0 * W + x0) * 3 + c]!;
        const p01 = image.data[(y0 * W + x1) * 3 + c]!;
        const p10 = image.data[(y1 * W + x0) * 3 + c]!;
        const p11 = image.data[(y1 * W + x1) * 3 + c]!;
        out[(y * w + x) * 3 + c] = Math.round(
          (p00 * (1 - fx) + p01 * fx) * (1 - fy) + (p10 * (1 - fx) + p11 * fx) * fy,
        );
      }
    }
  }
  const crop = { width: w, height: h, data: out };
  return h / w >= 1.5 ? rotate(crop, 90) : crop;
}

/** Rotates an RGB image by 90° counter-clockwise or 180°. */
export function rotate(image: RawImage, degrees: 90 | 180): RawImage {
  const { width: w, height: h, data } = image;
  const out = new Uint8Array(data.length);
  const ow = degrees === 90 ? h : w;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [nx, ny] = degrees === 90 ? [y, w - 1 - x] : [w - 1 - x, h - 1 - y];
      for (let c = 0; c < 3; c++) out[(ny * ow + nx) * 3 + c] = data[(y * w + x) * 3 + c]!;
    }
  return { width: ow, height: degrees === 90 ? w : h, data: out };
}
