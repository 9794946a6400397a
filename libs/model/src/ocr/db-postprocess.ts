import { EndType, inflatePathsD, JoinType } from '@countertype/clipper2-ts';

/** A point `[x, y]` in pixels. */
export type Point = [number, number];
/** A quadrilateral, clockwise from top-left: TL, TR, BR, BL. */
export type Quad = [Point, Point, Point, Point];

/** DB post-processing parameters (PaddleOCR `DBPostProcess`, tools/infer/utility.py defaults). */
export interface DbParams {
  /** Probability above which a pixel is text (det_db_thresh, 0.3). */
  readonly thresh: number;
  /** Minimum mean probability inside a box (det_db_box_thresh, 0.6). */
  readonly box_thresh: number;
  /** Expansion: offset distance = area × ratio / perimeter (det_db_unclip_ratio, 1.5). */
  readonly unclip_ratio: number;
  /** Boxes whose short side is below this many pixels are dropped (3). */
  readonly min_size: number;
  /** At most this many regions are considered (1000). */
  readonly max_candidates: number;
}

/** One detected text region in probability-map pixels. */
export interface TextBox {
  readonly quad: Quad;
  /** Mean probability inside the shrunk region, 0..1. */
  readonly score: number;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in image coordinates, no collinear points. */
export function convexHull(points: readonly Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length <= 2) return pts;
  const cross = (o: Point, a: Point, b: Point) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * Minimum-area enclosing rectangle of a point set (rotating calipers over the hull edges, as OpenCV
 * `minAreaRect`), returned as a quad ordered like PaddleOCR's `get_mini_boxes`: TL, TR, BR, BL, and
 * its shorter side length.
 */
export function minAreaRect(points: readonly Point[]): { quad: Quad; shortSide: number } {
  const hull = convexHull(points);
  if (hull.length === 0)
    return {
      quad: [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      shortSide: 0,
    };
  let best = { area: Infinity, corners: [] as Point[], w: 0, h: 0 };
  const edges =
    hull.length === 1
      ? [[1, 0] as Point]
      : hull.map(
          (p, i) => [hull[(i + 1) % hull.length]![0] - p[0], hull[(i + 1) % hull.length]![1] - p[1]] as Point,
        );
  for (const [ex, ey] of edges) {
    const len = Math.hypot(ex, ey);
    if (len === 0) continue;
    const ux = ex / len;
    const uy = ey / len;
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < best.area) {
      const at = (u: number, v: number): Point => [u * ux - v * uy, u * uy + v * ux];
      best = {
        area,
        corners: [at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)],
        w: maxU - minU,
        h: maxV - minV,
      };
    }
  }
  const byX = [...best.corners].sort((a, b) => a[0] - b[0]);
  const [l1, l2, r1, r2] = byX as [Point, Point, Point, Point];
  const [tl, bl] = l1[1] <= l2[1] ? [l1, l2] : [l2, l1];
  const [tr, br] = r1[1] <= r2[1] ? [r1, r2] : [r2, r1];
  return { quad: [tl, tr, br, bl], shortSide: Math.min(best.w, best.h) };
}

function polygonArea(poly: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(s) / 2;
}

function polygonPerimeter(poly: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    s += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return s;
}

/**
 * Expands a polygon by distance area × ratio / perimeter with round joins (the DB paper's unclip,
 * Liao et al. 2020, §3.4), using Clipper2's offsetting. @returns the expanded polygon's points.
 */
export function unclip(poly: readonly Point[], ratio: number): Point[] {
  const distance = (polygonArea(poly) * ratio) / Math.max(polygonPerimeter(poly), 1e-6);
  const out = inflatePathsD(
    [poly.map(([x, y]) => ({ x, y }))],
    distance,
    JoinType.Round,
    EndType.Polygon,
    2,
    2,
  );
  return out.flatMap((path) => path.map((p) => [p.x, p.y] as Point));
}

function pointInQuad(x: number, y: number, q: Quad): boolean {
  let inside = false;
  for (let i = 0, j = 3; i < 4; j = i++) {
    const [xi, yi] = q[i]!;
    const [xj, yj] = q[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Mean of `prob` inside `quad` (PaddleOCR `box_score_fast`: polygon mask over the quad's bounding box). */
export function boxScore(prob: Float32Array, width: number, height: number, quad: Quad): number {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  let sum = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++)
      if (pointInQuad(x + 0.5, y + 0.5, quad)) {
        sum += prob[y * width + x]!;
        n++;
      }
  return n ? sum / n : 0;
}

/**
 * Boundary pixels of each 8-connected component of `mask` (what OpenCV `findContours` traces), largest
 * first, at most `max` components.
 */
export function componentBoundaries(mask: Uint8Array, width: number, height: number, max: number): Point[][] {
  const labels = new Int32Array(width * height);
  const out: Point[][] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    next++;
    labels[start] = next;
    stack.push(start);
    const boundary: Point[] = [];
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      let edge = false;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if (!dx && !dy) continue;
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
            edge = true;
            continue;
          }
          const j = ny * width + nx;
          if (!mask[j]) {
            if (!dx || !dy) edge = true;
            continue;
          }
          if (!labels[j]) {
            labels[j] = next;
            stack.push(j);
          }
        }
      if (edge) boundary.push([x, y]);
    }
    out.push(boundary);
  }
  return out.sort((a, b) => b.length - a.length).slice(0, max);
}

/**
 * DB post-processing (Liao et al., "Real-time Scene Text Detection with Differentiable Binarization",
 * AAAI 2020; PaddleOCR `ppocr/postprocess/db_postprocess.py`): binarise the probability map, take each
 * connected region's minimum-area rectangle, score it, expand it (unclip) and take the expanded
 * polygon's minimum-area rectangle.
 * @param prob probability map `[height, width]`, row-major.
 * @returns boxes in map pixels (clipped to the map), in no particular order.
 */
export function dbBoxes(prob: Float32Array, width: number, height: number, p: DbParams): TextBox[] {
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = prob[i]! > p.thresh ? 1 : 0;
  const boxes: TextBox[] = [];
  for (const contour of componentBoundaries(mask, width, height, p.max_candidates)) {
    const shrunk = minAreaRect(contour);
    if (shrunk.shortSide < p.min_size) continue;
    const score = boxScore(prob, width, height, shrunk.quad);
    if (score < p.box_thresh) continue;
    const expanded = minAreaRect(unclip(shrunk.quad, p.unclip_ratio));
    if (expanded.shortSide < p.min_size + 2) continue;
    const clip = ([x, y]: Point): Point => [
      Math.min(Math.max(x, 0), width),
      Math.min(Math.max(y, 0), height),
    ];
    boxes.push({ quad: expanded.quad.map(clip) as Quad, score });
  }
  return boxes;
}

/**
 * Reading order: lines top to bottom, boxes within a line left to right. Boxes share a line when their
 * vertical extents overlap by at least half the shorter box's height (so a meme's top text comes before
 * its bottom text, and boxes of one row of text come left to right whatever their size). PaddleOCR's
 * `sorted_boxes` uses a fixed 10 px tolerance on the top edge instead, which mis-orders large text.
 */
export function readingOrder<T extends { quad: Quad }>(boxes: readonly T[]): T[] {
  const extent = (q: Quad) => ({
    top: Math.min(...q.map((p) => p[1])),
    bottom: Math.max(...q.map((p) => p[1])),
    left: Math.min(...q.map((p) => p[0])),
  });
  const sorted = boxes
    .map((box) => ({ box, ...extent(box.quad) }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const rows: { top: number; bottom: number; items: typeof sorted }[] = [];
  for (const b of sorted) {
    const row = rows.find(
      (r) =>
        Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) >=
        0.5 * Math.min(r.bottom - r.top, b.bottom - b.top),
    );
    if (row) {
      row.items.push(b);
      row.top = Math.min(row.top, b.top);
      row.bottom = Math.max(row.bottom, b.bottom);
    } else rows.push({ top: b.top, bottom: b.bottom, items: [b] });
  }
  return rows
    .sort((a, b) => a.top - b.top)
    .flatMap((r) => r.items.sort((a, b) => a.left - b.left).map((x) => x.box));
}
