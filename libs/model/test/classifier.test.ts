import { beforeAll, describe, expect, it } from 'vitest';
import { InferenceResultSchema, type MediaPayload } from '@vigil/contracts';
import { SileroVad, VigilClassifier, type MediaFrameOutputs } from '../src';
import { BUNDLE_DIR } from './bundle';
import { audioMedia, photoFrame, request, speech } from './requests';
import { join } from 'node:path';

describe('VigilClassifier on the default bundle', () => {
  let classifier: VigilClassifier;
  beforeAll(async () => {
    classifier = await VigilClassifier.load(BUNDLE_DIR, { session: { provider: 'cpu' } });
  });

  it('scores a batch of captions, with calibrated scores, severity, attribution and a valid result', async () => {
    const [threat, benign] = await classifier.classify([
      request('t1', 'I know where you live and I will kill you tonight, watch your back'),
      request('t2', 'beautiful sunset over the harbour tonight'),
    ]);
    expect(() => InferenceResultSchema.parse(threat)).not.toThrow();
    const score = (r: typeof threat, c: string) => r!.scores.find((s) => s.category === c)!;
    expect(score(threat, 'harassment/threatening').score).toBeGreaterThan(0.5);
    expect(score(threat, 'harassment/threatening').severity).toBeGreaterThanOrEqual(2);
    expect(score(threat, 'harassment/threatening').attribution).toEqual([{ modality: 'caption', weight: 1 }]);
    // Below 0.4, the lowest action threshold of the default policy for the categories scored ("tonight"
    // still lifts violence to ≈ 0.28: the text classifier learnt it from threat templates).
    expect(Math.max(...benign!.scores.map((s) => s.score))).toBeLessThan(0.4);
    expect(threat!.caption.lang).toBe('en');
    expect(threat!.coverage.not_covered).toEqual(['sexual/minors']);
    expect(threat!.routing).toBe('routed');
    const ran = threat!.experts.filter((e) => e.ran).map((e) => e.expert);
    expect(ran).toEqual(expect.arrayContaining(['text', 'language', 'fusion']));
    expect(threat!.experts.find((e) => e.expert === 'text')!.batch_size).toBe(2);
    expect(threat!.timings.fetch_ms).toBe(1);
    expect(threat!.timings.classifier_ms).toBeGreaterThan(0);
  });

  it('scores captions in other languages through the text classifier, attributed to the caption', async () => {
    const [drugs, suicide, spam] = await classifier.classify([
      request('x1', 'vendo cocaína y pastillas, entrega rápida, escríbeme por privado'),
      request('x2', 'je veux mourir, je vais me tuer ce soir'),
      request('x3', 'Double your bitcoin in 24 hours! Send 0.1 BTC to this wallet and get 0.2 back'),
    ]);
    const score = (r: typeof drugs, c: string) => r!.scores.find((s) => s.category === c)!;
    expect(score(drugs, 'illicit/drugs').score).toBeGreaterThan(0.9);
    expect(score(drugs, 'illicit/drugs').attribution).toEqual([{ modality: 'caption', weight: 1 }]);
    expect(score(suicide, 'self-harm/intent').score).toBeGreaterThan(0.9);
    expect(score(spam, 'spam').score).toBeGreaterThan(0.7);
    expect(drugs!.experts.find((e) => e.expert === 'text-classifier')).toMatchObject({
      ran: true,
      batch_size: 3,
    });
  });

  it('reads the caption beside a benign photo, attributes to the caption, and reports image text as not covered', async () => {
    const [r] = await classifier.classify([
      request('m1', 'selling unregistered glock, no papers, cash only', [
        { media_id: 'img1', kind: 'image', status: 'ok', frames: [await photoFrame('chelsea.png')] },
      ]),
    ]);
    const weapons = r!.scores.find((s) => s.category === 'illicit/weapons')!;
    expect(weapons.score).toBeGreaterThan(0.5);
    expect(weapons.attribution[0]!.modality).toBe('caption');
    const stats = r!.experts.find((e) => e.expert === 'image-stats')!;
    expect(stats.ran).toBe(true);
    expect(stats.ms).toBeGreaterThanOrEqual(0);
    expect(r!.experts).toContainEqual({ expert: 'ocr', ran: false, skipped_reason: 'not_in_bundle', ms: 0 });
    expect(r!.experts).toContainEqual({ expert: 'nsfw', ran: false, skipped_reason: 'not_in_bundle', ms: 0 });
    // Loaded without its frame experts (nsfw, objects, OCR): what the image shows or says is not assessed.
    expect(r!.coverage.covered).toEqual([]);
  });

  it('routes video frames: three frames routed, all (up to 16) dense', async () => {
    const frames = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => photoFrame(i % 2 ? 'coffee.png' : 'horse.png', i * 1000)),
    );
    const req = request('v1', 'our weekend', [{ media_id: 'vid', kind: 'video', status: 'ok', frames }]);
    const [routed] = await classifier.classify([req], 'routed');
    const [dense] = await classifier.classify([req], 'dense');
    const stats = (r: typeof routed) => r!.experts.find((e) => e.expert === 'image-stats')!;
    expect(stats(routed).batch_size).toBe(3);
    expect(stats(dense).batch_size).toBe(6);
    expect(dense!.routing).toBe('dense');
  });

  it('finds speech in audio with timestamps and reports spoken content as not covered without speech-to-text', async () => {
    const pcm = speech('hello, this is a short test of the voice activity detector');
    const [r] = await classifier.classify([request('a1', 'voice note', [audioMedia('aud', pcm)])]);
    const segments = r!.media[0]!.speech!;
    expect(segments.length).toBeGreaterThan(0);
    expect(segments[0]!.start_ms).toBeLessThan(500);
    expect(segments[segments.length - 1]!.end_ms).toBeGreaterThan(1500);
    expect(r!.experts).toContainEqual({ expert: 'stt', ran: false, skipped_reason: 'not_in_bundle', ms: 0 });
    expect(r!.coverage.not_covered).toEqual(expect.arrayContaining(['harassment', 'spam', 'profanity']));
  });

  it('treats silent audio as no speech: text categories stay covered', async () => {
    const [r] = await classifier.classify([
      request('a2', 'quiet evening', [audioMedia('aud', new Uint8Array(64000))]),
    ]);
    expect(r!.media[0]!.speech).toEqual([]);
    expect(r!.coverage.not_covered).toEqual(['sexual/minors']);
  });

  it('fails only the request whose frame is a corrupt tensor; its caption is still scored', async () => {
    const good = await photoFrame('coffee.png');
    const variant = Object.values(good.variants)[0]!;
    const corrupt = {
      ...good,
      variants: { [Object.keys(good.variants)[0]!]: { ...variant, data: variant.data.subarray(0, 1000) } },
    };
    const image = (frame: typeof good) => [
      { media_id: 'img', kind: 'image' as const, status: 'ok' as const, frames: [frame] },
    ];
    const [before, bad, after] = await classifier.classify([
      request('c1', 'morning coffee', image(good)),
      request('c2', 'I will kill you', image(corrupt)),
      request('c3', 'afternoon coffee', image(good)),
    ]);
    for (const r of [before!, after!]) {
      expect(r.errors).toEqual([]);
      expect(r.experts.find((e) => e.expert === 'image-stats')).toMatchObject({ ran: true, batch_size: 3 });
    }
    expect(bad!.status).toBe('ok');
    expect(bad!.errors).toEqual([
      expect.objectContaining({
        code: 'EXPERT_FAILED',
        expert: 'image-stats',
        message: expect.stringContaining('corrupt image tensor'),
      }),
    ]);
    expect(bad!.experts.find((e) => e.expert === 'image-stats')!.ran).toBe(false);
    expect(bad!.scores.find((s) => s.category === 'harassment/threatening')!.score).toBeGreaterThan(0.5);
    expect(() => InferenceResultSchema.parse(bad)).not.toThrow();
  });

  it('fuses cached frame outputs of reposted media to the same scores without running image-stats', async () => {
    const frames = await Promise.all(
      [0, 1, 2, 3].map((i) => photoFrame(i % 2 ? 'astronaut.png' : 'rocket.jpg', i * 500)),
    );
    // A media id may contain `|` (ids exclude only `:` and spaces).
    const post = (id: string, caption: string) =>
      request(id, caption, [
        { media_id: 'clip|1', kind: 'video', status: 'ok', sha256: 'ab'.repeat(32), frames },
      ]);
    const kept = new Map<string, MediaFrameOutputs>();
    const [first] = await classifier.classify([post('r1', 'launch day')], 'routed', {
      onMediaOutputs: (sha, out) => kept.set(sha, out),
    });
    const entry = kept.get('ab'.repeat(32))!;
    expect(entry.frameCount).toBe(4);
    expect(entry.frames.map((f) => f.index)).toEqual([0, 1, 2]); // routed: the first three frames
    expect(entry.experts).toEqual(['image-stats']);
    expect(entry.frames[0]!.features).toHaveLength(classifier.spec.featureDim);

    const seen: string[] = [];
    const [again, other] = await classifier.classify(
      [
        post('r2', 'launch day'),
        request('r3', 'launch day', [
          { media_id: 'vid', kind: 'video', status: 'ok', sha256: 'cd'.repeat(32), frames },
        ]),
      ],
      'routed',
      { cachedMedia: kept, onMediaOutputs: (sha) => seen.push(sha) },
    );
    expect(seen).toEqual(['cd'.repeat(32)]); // only the medium that was examined
    again!.scores.forEach((s, c) => expect(Math.abs(s.score - first!.scores[c]!.score)).toBeLessThan(1e-6));
    expect(again!.scores.map((s) => s.attribution)).toEqual(first!.scores.map((s) => s.attribution));
    expect(again!.coverage).toEqual(first!.coverage);
    expect(again!.media[0]).toMatchObject({ media_id: 'clip|1', cached: true });
    expect(again!.scores.flatMap((s) => s.attribution).some((a) => a.media_id === 'clip|1')).toBe(true);
    expect(again!.experts).toContainEqual({
      expert: 'image-stats',
      ran: false,
      skipped_reason: 'cache_hit',
      ms: 0,
    });
    expect(other!.media[0]!.cached).toBeUndefined();
    expect(other!.experts.find((e) => e.expert === 'image-stats')!.ran).toBe(true);

    // Same sha256 but another frame count (ingest sampled differently): not a hit.
    const [fewer] = await classifier.classify(
      [
        request('r4', 'launch day', [
          {
            media_id: 'vid',
            kind: 'video',
            status: 'ok',
            sha256: 'ab'.repeat(32),
            frames: frames.slice(0, 2),
          },
        ]),
      ],
      'routed',
      { cachedMedia: kept },
    );
    expect(fewer!.media[0]!.cached).toBeUndefined();
  });

  it('is batch-invariant: a caption scores the same alone and inside a batch of 16 mixed posts', async () => {
    const probe = request('b0', 'selling unregistered glock, no papers, cash only');
    const captions = [
      'I know where you live and I will kill you tonight',
      'lovely walk by the river this morning',
      'Ich weiß, wo du wohnst, und ich werde dich finden',
      'fresh coke and mdma, dm me for prices 💊',
      'Joyeux anniversaire à ma petite sœur !',
      'eres un idiota inútil, nadie te quiere',
      'a much longer caption that pads every other caption of the batch to its length, about the harbour, the boats, the weather and the gulls that follow the ferry every single morning',
      'ok',
    ];
    const photos = ['coffee.png', 'chelsea.png', 'rocket.jpg', 'astronaut.png'];
    const mates = await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const media: MediaPayload[] = [];
        if (i % 3 === 0)
          media.push({
            media_id: `img${i}`,
            kind: 'image',
            status: 'ok',
            frames: [await photoFrame(photos[i % photos.length]!)],
          });
        if (i % 5 === 1) media.push(audioMedia(`aud${i}`, speech('one two three')));
        return request(`b${i + 1}`, i === 14 ? '' : captions[i % captions.length]!, media);
      }),
    );
    const [alone] = await classifier.classify([probe]);
    const batched = await classifier.classify([...mates.slice(0, 7), probe, ...mates.slice(7)]);
    const inBatch = batched[7]!;
    expect(inBatch.post_id).toBe('b0');
    expect(inBatch.experts.find((e) => e.expert === 'text')!.batch_size).toBe(15);
    let worst = 0;
    inBatch.scores.forEach((s, c) => {
      expect(s.category).toBe(alone!.scores[c]!.category);
      worst = Math.max(worst, Math.abs(s.score - alone!.scores[c]!.score));
    });
    expect(worst).toBeLessThan(1e-5);
    expect(inBatch.scores.find((s) => s.category === 'illicit/weapons')!.score).toBeGreaterThan(0.5);
  });

  it('gives the same scores with the plain-operator fusion graph', async () => {
    const plain = await VigilClassifier.load(BUNDLE_DIR, { session: { provider: 'cpu' }, moe: 'plain' });
    const req = request('p1', 'fresh coke and mdma, dm me for prices 💊');
    const [a] = await classifier.classify([req]);
    const [b] = await plain.classify([req]);
    a!.scores.forEach((s, i) => expect(Math.abs(s.score - b!.scores[i]!.score)).toBeLessThan(1e-5));
    expect(a!.scores.find((s) => s.category === 'illicit/drugs')!.score).toBeGreaterThan(0.5);
  });

  it('Silero VAD batches clips of different lengths', async () => {
    const vad = await SileroVad.load(join(BUNDLE_DIR, 'audio/silero_vad.onnx'), { provider: 'cpu' });
    const [speechClip, silence] = await vad.analyze([
      speech('one two three four five'),
      new Uint8Array(16000),
    ]);
    expect(speechClip!.segments.length).toBeGreaterThan(0);
    expect(speechClip!.speechRatio).toBeGreaterThan(0.3);
    expect(speechClip!.rmsDbfs).toBeGreaterThan(-60);
    expect(silence!.segments).toEqual([]);
    expect(silence!.rmsDbfs).toBe(-100);
  });
});
