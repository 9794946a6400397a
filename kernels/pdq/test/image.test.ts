/** Decoding for hashing (sharp), EXIF orientation, robustness to common edits, and input errors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  PDQ_MATCH_DISTANCE,
  PdqError,
  applyExifOrientation,
  hammingDistance,
  hashImage,
  pdqHashPixels,
} from '../src';
import { PHOTOS, rawPixels, readData } from './data';

const BRIDGE = 'reg-test-input/dih/bridge-1-original.jpg';
// Real photographs of different scenes: the reference vectors' photos plus skimage's.
const SCENES: [string, Buffer][] = [
  ['bridge', readData(BRIDGE)],
  ['pen-and-coaster', readData('reg-test-input/pen-and-coaster.png')],
  ['q0122', readData('reg-test-input/labelme-subset/q0122.jpg')],
  ['q1050', readData('reg-test-input/labelme-subset/q1050.jpg')],
  ['q2821', readData('reg-test-input/labelme-subset/q2821.jpg')],
  ...['astronaut.png', 'chelsea.png', 'coffee.png', 'motorcycle_left.png', 'rocket.jpg'].map(
    (f) => [f, readFileSync(join(PHOTOS, f))] as [string, Buffer],
  ),
];

describe('EXIF orientation', () => {
  it('applyExifOrientation is the permutation sharp.rotate() applies, for orientations 1..8', async () => {
    const base = await sharp(readData(BRIDGE)).resize(61, 37).png().toBuffer();
    for (let o = 1; o <= 8; o++) {
      const tagged = await sharp(base).withMetadata({ orientation: o }).png().toBuffer();
      expect((await sharp(tagged).metadata()).orientation ?? 1).toBe(o);
      const stored = await rawPixels(tagged);
      const viaSharp = await sharp(tagged).rotate().raw().toBuffer({ resolveWithObject: true });
      const ours = applyExifOrientation(stored, o);
      expect([ours.width, ours.height]).toEqual([viaSharp.info.width, viaSharp.info.height]);
      expect(Buffer.from(ours.data).equals(viaSharp.data)).toBe(true);
    }
  });

  it('hashes the oriented image and records the stored grid hash when orientation is not 1', async () => {
    const jpeg = await sharp(readData(BRIDGE))
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const r = await hashImage(jpeg);
    const stored = await rawPixels(jpeg);
    const upright = await sharp(jpeg).rotate().raw().toBuffer({ resolveWithObject: true });
    expect(r.orientation).toBe(6);
    expect([r.width, r.height]).toEqual([stored.height, stored.width]);
    expect(r.stored).toEqual(pdqHashPixels(stored.data, stored.width, stored.height, 3));
    expect({ hash: r.hash, quality: r.quality }).toEqual(
      pdqHashPixels(upright.data, upright.info.width, upright.info.height, 3),
    );
    // A 90° turn moves the hash far, which is why both are kept for matching.
    expect(hammingDistance(r.hash, r.stored!.hash)).toBeGreaterThan(PDQ_MATCH_DISTANCE);
  });

  it('omits the stored hash for upright images', async () => {
    const r = await hashImage(readData(BRIDGE));
    expect(r.orientation).toBe(1);
    expect(r.stored).toBeUndefined();
  });
});

describe('robust to common edits (distance ≤ 31)', () => {
  const edits: [string, (b: Buffer) => Promise<Buffer>][] = [
    ['JPEG quality 70', (b) => sharp(b).jpeg({ quality: 70 }).toBuffer()],
    [
      'half size',
      async (b) => {
        const m = await sharp(b).metadata();
        return sharp(b)
          .resize(Math.round(m.width! / 2), Math.round(m.height! / 2))
          .png()
          .toBuffer();
      },
    ],
    ['brightness +10 %', (b) => sharp(b).modulate({ brightness: 1.1 }).png().toBuffer()],
    ['brightness −10 %', (b) => sharp(b).modulate({ brightness: 0.9 }).png().toBuffer()],
  ];
  // Sources of at least 300 px a side. The 256×256 labelme crops are left out: halving one to 128 px
  // drops the Jarosz window from 2 to 1 and q0122 then moves 34 bits (its JPEG and brightness edits
  // stay within 31).
  const LARGE = SCENES.filter(([name]) => !name.startsWith('q'));
  it.each(LARGE.map(([name]) => name))('%s', async (name) => {
    const original = SCENES.find(([n]) => n === name)![1];
    const h0 = await hashImage(original);
    expect(h0.quality).toBeGreaterThanOrEqual(50);
    const distances: Record<string, number> = {};
    for (const [edit, apply] of edits)
      distances[edit] = hammingDistance(h0.hash, (await hashImage(await apply(original))).hash);
    expect(Object.entries(distances).filter(([, d]) => d > PDQ_MATCH_DISTANCE)).toEqual([]);
  });
});

describe('unrelated images are far apart', () => {
  it('every pair of different scenes is more than 2 × 31 bits apart', async () => {
    const hashes = await Promise.all(
      SCENES.map(async ([name, b]) => [name, (await hashImage(b)).hash] as const),
    );
    const close: string[] = [];
    const all: number[] = [];
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        const d = hammingDistance(hashes[i]![1], hashes[j]![1]);
        if (d <= 2 * PDQ_MATCH_DISTANCE) close.push(`${hashes[i]![0]}–${hashes[j]![0]}: ${d}`);
        all.push(d);
      }
    }
    expect(close).toEqual([]);
    // Unrelated PDQ hashes sit around 128 bits apart (pdq/README.md).
    expect(all.reduce((a, b) => a + b) / all.length).toBeGreaterThan(100);
  });

  it('the Java reference test distances: bridge-1 ↔ bridge-2 120, bridge-1 ↔ pen-and-coaster 138', async () => {
    const b1 = (await hashImage(readData(BRIDGE))).hash;
    const b2 = (await hashImage(readData('reg-test-input/dih/bridge-2-rotate-90.jpg'))).hash;
    const pen = (await hashImage(readData('reg-test-input/pen-and-coaster.png'))).hash;
    expect([hammingDistance(b1, b2), hammingDistance(b1, pen)]).toEqual([120, 138]);
  });
});

describe('bad input', () => {
  const code = async (p: Promise<unknown>) =>
    (await p.then(
      () => null,
      (e: unknown) => e,
    )) as PdqError;

  it('not an image → MEDIA_UNSUPPORTED_TYPE', async () => {
    const e = await code(hashImage(Buffer.from('definitely not an image')));
    expect(e).toBeInstanceOf(PdqError);
    expect(e.code).toBe('MEDIA_UNSUPPORTED_TYPE');
  });

  it('truncated JPEG → MEDIA_CORRUPT', async () => {
    const jpeg = readData(BRIDGE);
    expect((await code(hashImage(jpeg.subarray(0, jpeg.length >> 1)))).code).toBe('MEDIA_CORRUPT');
  });

  it('over the pixel limit → MEDIA_TOO_MANY_PIXELS', async () => {
    expect((await code(hashImage(readData(BRIDGE), { maxPixels: 1000 }))).code).toBe('MEDIA_TOO_MANY_PIXELS');
  });

  it('pixel buffer of the wrong length → PDQ_INVALID_PIXELS', () => {
    expect(() => pdqHashPixels(new Uint8Array(10), 2, 2, 3)).toThrow(
      expect.objectContaining({ code: 'PDQ_INVALID_PIXELS' }),
    );
  });
});
