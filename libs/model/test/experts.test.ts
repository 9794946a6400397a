import { readBundleManifest, type BundleManifest, type ExpertEntry } from '@vigil/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAltText, expertEntry, NsfwRunner, ObjectsRunner, OcrRunner, type FrameInput } from '../src';
import { BUNDLE_DIR, PHOTOS_DIR, frameFrom } from './frames';

// Everything about the experts (sizes, labels, preprocessing) comes from the bundle manifest.
let manifest: BundleManifest;
let nsfw: NsfwRunner;
let objects: ObjectsRunner;
let ocr: OcrRunner;
const frames = new Map<string, FrameInput>();
const photos = [
  'astronaut.png',
  'chelsea.png',
  'motorcycle_left.png',
  'horse.png',
  'coffee.png',
  'page.png',
  'camera.png',
];

beforeAll(async () => {
  manifest = readBundleManifest(BUNDLE_DIR);
  const entries: ExpertEntry[] = ['nsfw', 'objects', 'ocr'].map((n) => expertEntry(manifest, n));
  const options = { provider: 'cpu' as const, intraOpThreads: 2, allowSpinning: false };
  [nsfw, objects, ocr] = await Promise.all([
    NsfwRunner.create(entries[0]!, BUNDLE_DIR, options),
    ObjectsRunner.create(entries[1]!, BUNDLE_DIR, options),
    OcrRunner.create(entries[2]!, BUNDLE_DIR, options),
  ]);
  const specs = entries.map((e) => e.preprocess!.resize);
  for (const p of photos) frames.set(p, await frameFrom(`${PHOTOS_DIR}/${p}`, specs));
});

afterAll(async () => {
  await Promise.all([nsfw?.release(), objects?.release(), ocr?.release()]);
});

const labelsOf = (d: { label: string }[]) => d.map((x) => x.label);

describe('objects expert on real photos', () => {
  it('finds the person, the cat, the motorcycle and the horse', async () => {
    const names = ['astronaut.png', 'chelsea.png', 'motorcycle_left.png', 'horse.png', 'camera.png'];
    const results = await objects.run(names.map((n) => frames.get(n)!));
    const top = results.map((r) => r[0]?.label);
    expect(top).toEqual(['person', 'cat', 'motorcycle', 'horse', 'person']);
    // Boxes are in frame pixels: the motorcycle spans most of the 741×500 photo.
    const moto = results[2]![0]!;
    expect(moto.box[2] - moto.box[0]).toBeGreaterThan(400);
    expect(moto.box[2]).toBeLessThanOrEqual(741);
    expect(labelsOf(results[0]!)).not.toContain('cat');
  });

  it('gives a batch the same detections as single images', async () => {
    const batch = await objects.run([frames.get('chelsea.png')!, frames.get('astronaut.png')!]);
    const single = await objects.run([frames.get('astronaut.png')!]);
    expect(batch[1]!.map((d) => d.label)).toEqual(single[0]!.map((d) => d.label));
    expect(batch[1]![0]!.score).toBeCloseTo(single[0]![0]!.score, 4);
  });
});

describe('nsfw expert on real photos', () => {
  it('rates ordinary photos as Neutral, with a 1280-d embedding', async () => {
    const results = await nsfw.run(['astronaut.png', 'chelsea.png', 'coffee.png'].map((n) => frames.get(n)!));
    for (const r of results) {
      expect(r.top).toBe('Neutral');
      expect(r.sexual).toBeLessThan(0.2);
      expect(r.embedding).toHaveLength(1280);
      expect(Object.values(r.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    const [single] = await nsfw.run([frames.get('coffee.png')!]);
    expect(single!.probabilities.Neutral).toBeCloseTo(results[2]!.probabilities.Neutral!, 5);
  });
});

describe('ocr expert on real photos', () => {
  it('reads the printed page in reading order', async () => {
    const [lines] = await ocr.run([frames.get('page.png')!]);
    expect(lines![0]!.text).toBe('Region-based segmentation');
    const all = lines!.map((l) => l.text).join('\n');
    expect(all).toContain('markers of the coins');
    expect(all).toContain('histogram of grey values');
    for (const l of lines!) {
      expect(l.confidence).toBeGreaterThan(0.5);
      expect(l.box[0][1]).toBeLessThan(191);
    }
    const ys = lines!.map((l) => l.box[0][1]);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('finds no text in a photo without any', async () => {
    const [lines] = await ocr.run([frames.get('chelsea.png')!]);
    expect(lines).toEqual([]);
  });
});

describe('alt text from the experts', () => {
  it('describes the photos', async () => {
    const describe = async (name: string) => {
      const f = frames.get(name)!;
      const [[n], [o], [t]] = await Promise.all([nsfw.run([f]), objects.run([f]), ocr.run([f])]);
      return composeAltText({ drawing: n!.drawing, objects: o!, ocr: t! });
    };
    expect((await describe('astronaut.png')).text).toMatch(/^Photo of a person/);
    expect((await describe('chelsea.png')).text).toMatch(/^Photo of a cat/);
    expect((await describe('page.png')).text).toMatch(/^Photo with the text "Region-based segmentation/);
  });
});

describe('objects category signals', () => {
  it('maps labels to categories through the manifest', () => {
    const signals = objects.categorySignals([
      { label: 'knife', score: 0.7, box: [0, 0, 1, 1] },
      { label: 'knife', score: 0.4, box: [0, 0, 1, 1] },
      { label: 'person', score: 0.9, box: [0, 0, 1, 1] },
    ]);
    expect(signals).toEqual({ 'illicit/weapons': 0.7 });
  });
});
