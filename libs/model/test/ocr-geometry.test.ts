import { describe, expect, it } from 'vitest';
import {
  ctcGreedyDecode,
  cropQuad,
  dbBoxes,
  imagesToTensor,
  minAreaRect,
  readingOrder,
  rotate,
  type Point,
  type Quad,
} from '../src';

describe('image tensors', () => {
  const img = { width: 2, height: 1, data: Uint8Array.from([255, 0, 0, 0, 0, 255]) };
  it('writes NCHW in BGR order with mean/std', () => {
    const t = imagesToTensor([img], {
      scale: 1 / 255,
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
      channel_order: 'BGR',
      layout: 'NCHW',
    });
    expect(t.dims).toEqual([1, 3, 1, 2]);
    expect([...t.data]).toEqual([-1, 1, -1, -1, 1, -1]);
  });
  it('writes NHWC RGB and pads smaller images', () => {
    const t = imagesToTensor(
      [img],
      { scale: 1, mean: [0, 0, 0], std: [1, 1, 1], channel_order: 'RGB', layout: 'NHWC' },
      [1, 3],
      -7,
    );
    expect([...t.data]).toEqual([255, 0, 0, 0, 0, 255, -7, -7, -7]);
  });
});

describe('CTC greedy decoding', () => {
  it('collapses repeats, drops blanks, averages kept probabilities', () => {
    // steps: a a blank a b → "aab"
    const p = new Float32Array([0.1, 0.9, 0, 0.2, 0.8, 0, 0.9, 0.1, 0, 0.3, 0.7, 0, 0, 0.4, 0.6]);
    const out = ctcGreedyDecode(p, 5, 3, ['a', 'b']);
    expect(out.text).toBe('aab');
    expect(out.confidence).toBeCloseTo((0.9 + 0.7 + 0.6) / 3, 6);
  });
});

describe('DB geometry', () => {
  it('finds the minimum-area rectangle of a rotated rectangle, TL TR BR BL', () => {
    const a = Math.PI / 12;
    const pts: Point[] = [];
    for (let u = 0; u <= 40; u += 2)
      for (let v = 0; v <= 10; v += 2)
        pts.push([50 + u * Math.cos(a) - v * Math.sin(a), 20 + u * Math.sin(a) + v * Math.cos(a)]);
    const { quad, shortSide } = minAreaRect(pts);
    expect(shortSide).toBeCloseTo(10, 4);
    expect(quad[0][0]).toBeLessThan(quad[1][0]);
    expect(quad[0][1]).toBeLessThan(quad[3][1]);
  });

  it('turns a probability map into expanded boxes', () => {
    const w = 100;
    const h = 40;
    const prob = new Float32Array(w * h);
    for (let y = 15; y < 25; y++) for (let x = 10; x < 90; x++) prob[y * w + x] = 0.9;
    const boxes = dbBoxes(prob, w, h, {
      thresh: 0.3,
      box_thresh: 0.5,
      unclip_ratio: 1.5,
      min_size: 3,
      max_candidates: 100,
    });
    expect(boxes).toHaveLength(1);
    const [tl, , br] = boxes[0]!.quad;
    expect(tl[0]).toBeLessThan(10);
    expect(tl[1]).toBeLessThan(15);
    expect(br[0]).toBeGreaterThan(89);
    expect(br[1]).toBeGreaterThan(24);
    expect(boxes[0]!.score).toBeCloseTo(0.9, 5);
  });

  it('orders lines top to bottom, left to right', () => {
    const q = (x: number, y: number): { quad: Quad; id: string } => ({
      quad: [
        [x, y],
        [x + 10, y],
        [x + 10, y + 5],
        [x, y + 5],
      ],
      id: `${x},${y}`,
    });
    expect(readingOrder([q(50, 102), q(0, 100), q(0, 0)]).map((b) => b.id)).toEqual([
      '0,0',
      '0,100',
      '50,102',
    ]);
  });

  it("keeps large boxes of one row together and puts a meme's top text before its bottom text", () => {
    const q = (x: number, y: number, w: number, h: number): { quad: Quad; id: string } => ({
      quad: [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
      ],
      id: `${x},${y}`,
    });
    // Tops 25 px apart (beyond a fixed 10 px tolerance), but the 80 px boxes overlap by 55 px.
    const boxes = [q(400, 420, 300, 60), q(300, 0, 200, 80), q(0, 25, 250, 80), q(20, 430, 300, 50)];
    expect(readingOrder(boxes).map((b) => b.id)).toEqual(['0,25', '300,0', '20,430', '400,420']);
  });

  it('rectifies and rotates crops', () => {
    const image = { width: 4, height: 2, data: Uint8Array.from({ length: 24 }, (_, i) => i * 10) };
    const crop = cropQuad(image, [
      [0, 0],
      [4, 0],
      [4, 2],
      [0, 2],
    ]);
    expect(crop.width).toBe(4);
    expect([...crop.data]).toEqual([...image.data]);
    expect([...rotate(rotate(image, 180), 180).data]).toEqual([...image.data]);
    expect(rotate(image, 90).width).toBe(2);
  });
});
