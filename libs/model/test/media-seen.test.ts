import { readBundleManifest, resizeKey, type MediaPayload } from '@vigil/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { VigilClassifier, type Expert, type MediaFrameOutputs } from '../src';
import { BUNDLE_DIR } from './frames';
import { memeFrame } from './memes';
import { request } from './requests';

const manifest = readBundleManifest(BUNDLE_DIR);
const entry = (name: string) => manifest.experts.find((e) => e.name === name)!;

/** Stand-ins for the OCR and object experts: each frame reads one line and shows one cup (variant pixels). */
const fakes: Expert[] = [
  {
    name: 'ocr',
    modality: 'image',
    reads: ['frame'],
    variant: entry('ocr').preprocess!.resize,
    emits: { categories: entry('ocr').informs, features: 0 },
    cost: { tier: 'escalation', msPerItem: 1 },
    run: (frames) =>
      Promise.resolve(
        frames.map(() => ({
          lines: ['SEE YOU TONIGHT'],
          seen: {
            ocr: [
              {
                text: 'SEE YOU TONIGHT',
                confidence: 0.91,
                box: [
                  [10, 20],
                  [110, 20],
                  [110, 40],
                  [10, 40],
                ] as [number, number][],
              },
            ],
          },
        })),
      ),
  },
];

let classifier: VigilClassifier;
beforeAll(async () => {
  classifier = await VigilClassifier.load(BUNDLE_DIR, {
    session: { provider: 'cpu', intraOpThreads: 1 },
    experts: fakes,
  });
}, 120_000);

describe('what the frame experts read is kept per medium and frame', () => {
  it('lists OCR lines of each video frame with its timestamp and boxes in frame pixels, also from the media cache', async () => {
    const frames = [
      await memeFrame(manifest, 'coffee.png', undefined, { timestamp_ms: 0 }),
      await memeFrame(manifest, 'coffee.png', undefined, { timestamp_ms: 2000 }),
    ];
    const video: MediaPayload = {
      media_id: 'clip',
      kind: 'video',
      status: 'ok',
      frames,
      sha256: 'ab'.repeat(32),
      duration_ms: 4000,
    };
    const variant = frames[0]!.variants[resizeKey(entry('ocr').preprocess!.resize)]!;
    const scale = frames[0]!.width / variant.width;
    const examined = new Map<string, MediaFrameOutputs>();
    const [first] = await classifier.classify([request('v', 'tonight', [video])], 'dense', {
      onMediaOutputs: (sha, out) => examined.set(sha, out),
    });
    const ocr = first!.media[0]!.ocr!;
    expect(ocr.map((l) => [l.text, l.timestamp_ms])).toEqual([
      ['SEE YOU TONIGHT', 0],
      ['SEE YOU TONIGHT', 2000],
    ]);
    expect(ocr[0]!.box[1]![0]).toBeCloseTo(110 * scale, 0);
    expect(ocr[0]!.confidence).toBe(0.91);

    // The same bytes again: the cached outputs carry what was read.
    const [again] = await classifier.classify([request('v2', 'tonight', [video])], 'dense', {
      cachedMedia: examined,
    });
    expect(again!.media[0]).toMatchObject({ cached: true, ocr });
  }, 120_000);

  it('an image keeps its lines without a timestamp', async () => {
    const frame = await memeFrame(manifest, 'coffee.png');
    const [r] = await classifier.classify(
      [request('i', '', [{ media_id: 'img', kind: 'image', status: 'ok', frames: [frame] }])],
      'dense',
    );
    expect(r!.media[0]!.ocr).toEqual([
      { text: 'SEE YOU TONIGHT', confidence: 0.91, box: expect.any(Array) as unknown },
    ]);
  }, 120_000);
});
