import {
  CATEGORY_IDS,
  readBundleManifest,
  type InferenceRequest,
  type InferenceResult,
} from '@vigil/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_CHANNELS, loadExperts, VigilClassifier, type MediaFrameOutputs } from '../src';
import { BUNDLE_DIR } from './frames';
import { imageMedium, memeFrame } from './memes';
import { request } from './requests';

const manifest = readBundleManifest(BUNDLE_DIR);
/** The classifier worker's default batch (CLASSIFIER_MAX_BATCH_SIZE). */
const FULL_BATCH = 16;

/** What a verdict is made of: OCR lines per medium, scores, coverage, alt-text (timings left out). */
function verdictOf(r: InferenceResult, lines: ReadonlyMap<string, readonly string[]>) {
  return {
    lines: r.media.map((m) => lines.get(m.sha256 ?? '')),
    scores: r.scores,
    coverage: r.coverage,
    alt: r.media.map((m) => m.alt_text),
    ran: r.experts.filter((e) => e.ran).map((e) => e.expert),
  };
}

let classifier: VigilClassifier;
beforeAll(async () => {
  const { experts } = await loadExperts(manifest, BUNDLE_DIR, { provider: 'cpu', intraOpThreads: 2 });
  classifier = await VigilClassifier.load(BUNDLE_DIR, {
    session: { provider: 'cpu', intraOpThreads: 2 },
    experts,
  });
});

describe('a post gives the same OCR text, scores and coverage alone and in a full batch', () => {
  it(`classifies a two-line meme alone and among ${FULL_BATCH - 1} other posts identically`, async () => {
    const sha = (n: number) => n.toString(16).padStart(64, '0');
    const post = request('alone', 'look at this', [
      imageMedium(
        await memeFrame(manifest, 'coffee.png', 'I KNOW WHERE YOU LIVE', { bottom: 'SEE YOU TONIGHT' }),
        'img',
        sha(1),
      ),
    ]);
    // Others: larger and smaller frames (detection padding), lines of other widths (recognition
    // batches), a photo without text and caption-only posts.
    const texts = ['ME BEFORE COFFEE', 'NOBODY:', 'WHEN THE WIFI IS DOWN AGAIN', 'OK', 'MONDAY MOOD'];
    const photos = ['astronaut.png', 'chelsea.png', 'horse.png', 'motorcycle_left.png', 'rocket.jpg'];
    const others: InferenceRequest[] = [];
    for (let k = 0; others.length < FULL_BATCH - 1; k++) {
      const id = `other-${k}`;
      if (k % 2 === 1) others.push(request(id, `caption number ${k} about the weekend`));
      else
        others.push(
          request(id, k % 4 ? '' : 'lol', [
            imageMedium(
              await memeFrame(manifest, photos[k % photos.length]!, texts[k % texts.length], {
                width: [512, 300, 400, 640][(k >> 1) % 4]!,
                ...(k % 3 === 2 ? { bottom: texts[(k + 2) % texts.length] } : {}),
              }),
              'img',
              sha(100 + k),
            ),
          ]),
        );
    }
    const lines = new Map<string, string[]>();
    const onMediaOutputs = (sha256: string, out: MediaFrameOutputs) => lines.set(sha256, [...out.lines]);
    const [alone] = await classifier.classify([post], 'routed', { onMediaOutputs });
    const aloneVerdict = verdictOf(alone!, lines);
    lines.clear();
    const batch = await classifier.classify([...others.slice(0, 7), post, ...others.slice(7)], 'routed', {
      onMediaOutputs,
    });
    const batched = verdictOf(batch[7]!, lines);
    // PaddleOCR reads a stray comma after WHERE on this frame ("WHERE,YOU"); the words are right.
    expect(aloneVerdict.lines).toEqual([
      [expect.stringMatching(/^I KNOW WHERE,? YOU LIVE$/), 'SEE YOU TONIGHT'],
    ]);
    // The result keeps what was read, line by line with boxes inside the frame (moderators see it).
    expect(alone!.media[0]!.ocr!.map((l) => l.text)).toEqual(aloneVerdict.lines[0]);
    for (const l of alone!.media[0]!.ocr!)
      for (const [x, y] of l.box) {
        expect(x).toBeLessThanOrEqual(post.media[0]!.frames[0]!.width);
        expect(y).toBeLessThanOrEqual(post.media[0]!.frames[0]!.height);
      }
    expect(batch[7]!.experts.find((e) => e.expert === 'ocr')!.batch_size).toBeGreaterThan(1);
    expect(batched).toEqual(aloneVerdict);
  }, 300_000);
});

describe('coverage lists exactly the categories no expert assessed', () => {
  // What the bundle's experts inform: text on caption and image text, frame experts on what images show.
  const informs = (names: string[]) =>
    new Set(manifest.experts.filter((e) => names.includes(e.name)).flatMap((e) => e.informs));
  const text = informs(['text']);
  const visual = informs(['nsfw', 'objects']);
  const expected = CATEGORY_IDS.filter(
    (c) => !text.has(c) || (CATEGORY_CHANNELS[c].includes('visual') && !visual.has(c)),
  );

  it('an image whose OCR ran and found no text: only what no expert informs is not covered', async () => {
    const [r] = await classifier.classify(
      [request('no-text', 'my cat', [imageMedium(await memeFrame(manifest, 'chelsea.png'))])],
      'dense',
    );
    expect(r!.experts.find((e) => e.expert === 'ocr')).toMatchObject({ ran: true });
    expect(r!.coverage.not_covered).toEqual(expected);
    expect(expected).toEqual([
      'sexual/minors',
      'violence',
      'violence/graphic',
      'hate',
      'self-harm',
      'illicit/drugs',
    ]);
  }, 120_000);

  it('a meme whose text was read and scored: the same', async () => {
    const [r] = await classifier.classify([
      request('meme', '', [imageMedium(await memeFrame(manifest, 'coffee.png', 'ME BEFORE COFFEE'))]),
    ]);
    expect(r!.experts.find((e) => e.expert === 'ocr')).toMatchObject({ ran: true });
    expect(r!.coverage.not_covered).toEqual(expected);
  }, 120_000);

  it('an image whose OCR failed: image text stays not covered', async () => {
    const broken = await VigilClassifier.load(BUNDLE_DIR, {
      session: { provider: 'cpu', intraOpThreads: 2 },
      experts: [
        {
          name: 'ocr',
          modality: 'image',
          reads: ['frame'],
          variant: manifest.experts.find((e) => e.name === 'ocr')!.preprocess!.resize,
          emits: { categories: manifest.experts.find((e) => e.name === 'ocr')!.informs, features: 0 },
          cost: { tier: 'escalation', msPerItem: 150 },
          run: () => Promise.reject(new Error('ocr down')),
        },
      ],
    });
    const [r] = await broken.classify(
      [request('failed', 'my cat', [imageMedium(await memeFrame(manifest, 'chelsea.png'))])],
      'dense',
    );
    expect(r!.experts.find((e) => e.expert === 'ocr')).toMatchObject({ ran: false });
    expect(r!.coverage.not_covered).toEqual(expect.arrayContaining(['harassment', 'spam', 'profanity']));
  }, 120_000);
});
