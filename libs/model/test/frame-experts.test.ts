import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  imageVariantSpecs,
  InferenceResultSchema,
  readBundleManifest,
  type Frame,
  type InferenceResult,
  type MediaPayload,
} from '@vigil/contracts';
import {
  loadExperts,
  objectFeatures,
  OBJECTS_FEATURE_DIM,
  VigilClassifier,
  type Expert,
  type MediaFrameOutputs,
} from '../src';
import { BUNDLE_DIR, frameFrom, PHOTOS_DIR } from './frames';
import { request } from './requests';

const manifest = readBundleManifest(BUNDLE_DIR);

/** A photo with meme text (white bold capitals, black outline) along the top, as a frame ingest would send. */
async function meme(photo: string, text?: string, timestamp_ms = 0): Promise<Frame> {
  const image = sharp(readFileSync(join(PHOTOS_DIR, photo))).removeAlpha();
  const { width = 512, height = 512 } = await image.metadata();
  const size = Math.round(Math.min(width, height) / 9);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="50%" y="${size * 1.2}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="white" stroke="black" stroke-width="${size / 14}" paint-order="stroke">${text ?? ''}</text></svg>`;
  const png = await (text ? image.composite([{ input: Buffer.from(svg) }]) : image).png().toBuffer();
  const f = await frameFrom(png, imageVariantSpecs(manifest));
  return { ...f, timestamp_ms } as Frame;
}

const image = (frame: Frame): MediaPayload => ({
  media_id: 'img',
  kind: 'image',
  status: 'ok',
  frames: [frame],
});
const run = (r: InferenceResult, expert: string) => r.experts.find((e) => e.expert === expert);

describe('image experts as frame experts of the classifier (real bundle)', () => {
  let experts: Expert[];
  let classifier: VigilClassifier;
  beforeAll(async () => {
    const loaded = await loadExperts(manifest, BUNDLE_DIR, { provider: 'cpu' });
    experts = loaded.experts;
    expect(loaded.unsupported).toEqual([]);
    classifier = await VigilClassifier.load(BUNDLE_DIR, {
      session: { provider: 'cpu' },
      experts,
    });
  });

  it('loads nsfw, objects and OCR through the manifest, each feeding its fusion token source', () => {
    expect(experts.map((e) => e.name)).toEqual(['nsfw', 'objects', 'ocr']);
    const sources = classifier.spec.tokenSources.map((s) => s.expert);
    // `interplay` is the classifier's caption × image cross features (fusion/interplay.ts), not an expert.
    expect(sources).toEqual(['text', 'image-stats', 'nsfw', 'objects', 'audio-vad', 'interplay']);
  });

  it('reads harm that is only in the image text: OCR runs because the text gate fires', async () => {
    const [r] = await classifier.classify([
      request('meme', '', [image(await meme('coffee.png', 'I WILL KILL YOU'))]),
    ]);
    expect(() => InferenceResultSchema.parse(r)).not.toThrow();
    expect(run(r!, 'ocr')).toMatchObject({ ran: true, batch_size: 1 });
    expect(run(r!, 'nsfw')).toMatchObject({ ran: true });
    // Objects run on frame 0 for alt-text (the router's default `altText`).
    expect(run(r!, 'objects')).toMatchObject({ ran: true, batch_size: 1 });
    const threat = r!.scores.find((s) => s.category === 'harassment/threatening')!;
    expect(threat.score).toBeGreaterThan(0.5);
    expect(threat.attribution[0]).toMatchObject({ modality: 'image_text', media_id: 'img' });
    expect(threat.attribution[0]!.text).toMatch(/KILL YOU/);
    expect(r!.coverage.not_covered).not.toContain('harassment/threatening');
  });

  it('skips OCR on a photo without text, and runs every image expert in dense mode', async () => {
    const req = request('cat', 'my cat napping in the sun', [image(await meme('chelsea.png'))]);
    const [routed] = await classifier.classify([req], 'routed');
    const [dense] = await classifier.classify([req], 'dense');
    expect(run(routed!, 'ocr')).toEqual({
      expert: 'ocr',
      ran: false,
      skipped_reason: 'no_text_likelihood',
      ms: 0,
    });
    expect(run(routed!, 'nsfw')!.ran).toBe(true);
    for (const name of ['nsfw', 'objects', 'ocr']) expect(run(dense!, name)!.ran).toBe(true);
    expect(Math.max(...routed!.scores.map((s) => s.score))).toBeLessThan(0.3);
  });

  it('routes video frames: the first three through nsfw, all of them dense', async () => {
    const frames = await Promise.all(
      ['horse.png', 'coffee.png', 'rocket.jpg', 'chelsea.png', 'coins.png', 'moon.png'].map((p, i) =>
        meme(p, undefined, i * 1000),
      ),
    );
    const req = request('vid', '', [{ media_id: 'vid', kind: 'video', status: 'ok', frames }]);
    const calls: Record<string, number> = {};
    const count = (mode: 'routed' | 'dense') =>
      classifier.classify([req], mode, {
        onExpertCall: ({ expert, items }) =>
          (calls[`${mode}:${expert}`] = (calls[`${mode}:${expert}`] ?? 0) + items),
      });
    await count('routed');
    await count('dense');
    expect(calls['routed:nsfw']).toBe(3);
    expect(calls['dense:nsfw']).toBe(6);
    expect(calls['dense:ocr']).toBe(6);
    expect(calls['dense:objects']).toBe(6);
    expect(calls['routed:objects']).toBe(1);
  });

  it('gives each image and video its alt-text from the objects, nsfw and OCR outputs', async () => {
    const cat = image(await meme('chelsea.png'));
    const astronaut = { ...image(await meme('astronaut.png')), media_id: 'astronaut' };
    const coffee = { ...image(await meme('coffee.png', 'ME BEFORE COFFEE')), media_id: 'meme' };
    const video: MediaPayload = {
      media_id: 'vid',
      kind: 'video',
      status: 'ok',
      frames: await Promise.all(['horse.png', 'coffee.png'].map((p, i) => meme(p, undefined, i * 1000))),
    };
    const [r] = await classifier.classify([
      request('alt', 'a few pictures', [cat, astronaut, coffee, video]),
    ]);
    expect(() => InferenceResultSchema.parse(r)).not.toThrow();
    const alt = new Map(r!.media.map((m) => [m.media_id, m.alt_text]));
    expect(alt.get('img')).toMatchObject({ text: 'Photo of a cat', decorative: false });
    expect(alt.get('img')!.confidence).toBeGreaterThan(0.4);
    expect(alt.get('astronaut')!.text).toMatch(/^Photo of a person\b/);
    expect(alt.get('meme')!.text).toMatch(/^Photo .*with the text "ME BEFORE COFFEE"$/);
    expect(alt.get('vid')!.text).toMatch(/^Video of a horse\b/);
    for (const a of alt.values()) expect(a!.text.length).toBeLessThanOrEqual(125);
  });

  it('gives no alt-text to media routed away on a hash match, nor when alt-text is off', async () => {
    const req = request('away', '', [image(await meme('chelsea.png'))]);
    const [away] = await classifier.classify([req], 'routed', {
      routedAway: new Map([[req.request_id, new Set(['img'])]]),
    });
    expect(away!.media[0]!.alt_text).toBeUndefined();
    const off = await VigilClassifier.load(BUNDLE_DIR, {
      session: { provider: 'cpu' },
      experts,
      router: { altText: false },
    });
    const [r] = await off.classify([req]);
    expect(r!.media[0]!.alt_text).toBeUndefined();
    expect(run(r!, 'objects')).toMatchObject({ ran: false, skipped_reason: 'not_uncertain' });
  });

  it('keeps the alt-text of a medium served from the media cache', async () => {
    const cat = image(await meme('chelsea.png'));
    const req = request('cached', '', [{ ...cat, sha256: 'c'.repeat(64) }]);
    const kept = new Map<string, MediaFrameOutputs>();
    const [first] = await classifier.classify([req], 'routed', {
      onMediaOutputs: (sha, out) => kept.set(sha, out),
    });
    const [second] = await classifier.classify([req], 'routed', { cachedMedia: kept });
    expect(second!.media[0]).toMatchObject({ cached: true, alt_text: first!.media[0]!.alt_text });
    expect(second!.media[0]!.alt_text!.text).toBe('Photo of a cat');
  });
});

describe('objectFeatures', () => {
  it('keeps the best score per label group, then the people and detection counts', () => {
    const groups = [['person'], ['knife', 'scissors'], ['cup'], ['cat', 'dog'], ['car'], ['pizza']];
    const box: [number, number, number, number] = [0, 0, 1, 1];
    const f = objectFeatures(groups, [
      { label: 'person', score: 0.9, box },
      { label: 'person', score: 0.6, box },
      { label: 'knife', score: 0.4, box },
      { label: 'dog', score: 0.7, box },
    ]);
    expect(f).toHaveLength(OBJECTS_FEATURE_DIM);
    expect(Array.from(f).map((x) => Math.round(x * 100) / 100)).toEqual([0.9, 0.4, 0, 0.7, 0, 0, 0.4, 0.4]);
  });
});
