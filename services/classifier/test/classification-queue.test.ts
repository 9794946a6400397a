/**
 * The request-level batcher in front of the real classifier (real bundle, onnxruntime-node on the CPU)
 * and the real Redis media cache.
 */
import { randomBytes } from 'node:crypto';
import {
  InferenceResultSchema,
  resizeKey,
  type ExpertEntry,
  type InferenceResult,
  type RawImage,
} from '@vigil/contracts';
import { IMAGE_STATS_VARIANT, loadExperts, VigilClassifier, type Expert } from '@vigil/model';
import { MetricsRegistry } from '@vigil/platform';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationQueue } from '../src/classification-queue';

import { MediaCache } from '../src/media-cache';
import { ClassifierMetrics } from '../src/metrics';
import { BUNDLE_DIR, corrupted, MANIFEST, photoMedia, REDIS_URL, request, speechMedia } from './support';

/**
 * A batched per-frame expert in plain code, plugged in like the image experts (an `Expert` named
 * `nsfw`, so the router schedules it): mean brightness as its visual score. Like the real runners it
 * packs the whole batch into one tensor, so one corrupt frame makes the whole call throw.
 */
function brightnessExpert(): Expert & { calls: number[] } {
  const calls: number[] = [];
  return {
    name: 'nsfw',
    modality: 'image',
    reads: ['frame'],
    variant: IMAGE_STATS_VARIANT,
    emits: { categories: [], features: 0 },
    cost: { tier: 'screen', msPerItem: 1 },
    calls,
    async run(frames: readonly RawImage[]) {
      calls.push(frames.length);
      for (const f of frames)
        if (f.data.length !== f.width * f.height * 3)
          throw new RangeError(`corrupt input tensor: ${f.data.length} bytes for ${f.width}×${f.height}×3`);
      return frames.map((f) => ({
        visualScore: f.data.reduce((a, b) => a + b, 0) / f.data.length / 255 / 10,
      }));
    },
  };
}

let classifier: VigilClassifier;
let withExpert: VigilClassifier;
let expert: ReturnType<typeof brightnessExpert>;

/** A routed queue in front of `c` with its own metrics. */
function queueFor(
  c: VigilClassifier,
  metrics: ClassifierMetrics,
  options: { maxBatchSize: number; maxDelayMs: number; cache?: MediaCache },
): ClassificationQueue {
  return new ClassificationQueue(c, { routing: 'routed', metrics, ...options });
}

function newMetrics(): { metrics: ClassifierMetrics; registry: MetricsRegistry } {
  const registry = new MetricsRegistry();
  return { metrics: new ClassifierMetrics(registry), registry };
}

async function counter(registry: MetricsRegistry, name: string, labels: Record<string, string> = {}) {
  const metric = await registry.registry.getSingleMetric(name)!.get();
  return metric.values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .filter((v) => !('metricName' in v) || v.metricName === `${name}_count` || v.metricName === name)
    .reduce((a, v) => a + v.value, 0);
}

const score = (r: InferenceResult, category: string) => r.scores.find((s) => s.category === category)!.score;

beforeAll(async () => {
  classifier = await VigilClassifier.load(BUNDLE_DIR, { session: { provider: 'cpu' } });
  expert = brightnessExpert();
  withExpert = await VigilClassifier.load(BUNDLE_DIR, {
    session: { provider: 'cpu' },
    experts: [expert],
  });
});

describe('ClassificationQueue', () => {
  it('batches concurrent requests (fewer batches than requests) and maps each result back to its post', async () => {
    const { metrics, registry } = newMetrics();
    const queue = queueFor(classifier, metrics, { maxBatchSize: 8, maxDelayMs: 5 });
    const captions = [
      'I know where you live and I will kill you',
      'lovely walk by the river this morning',
      'Ich weiß, wo du wohnst, und ich werde dich finden',
      'fresh coke and mdma, dm me for prices',
      'Joyeux anniversaire à ma petite sœur !',
      'eres un idiota inútil, nadie te quiere',
    ];
    const photos = ['coffee.png', 'chelsea.png', 'rocket.jpg', 'astronaut.png'];
    const numbers = [
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
      'seven',
      'eight',
      'nine',
      'ten',
      'eleven',
      'twelve',
    ];
    const requests = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const media = [];
        if (i % 3 === 0) media.push(await photoMedia(photos[i % 4]!));
        // Distinct spoken lengths: each post's speech segments are its own fingerprint.
        if (i % 4 === 1) media.push(speechMedia(numbers.slice(0, 2 + (i % 11)).join(', ')));
        return request(`q${i}`, `${captions[i % captions.length]} #${i}`, media);
      }),
    );
    const results = await Promise.all(requests.map((r) => queue.classify(r)));
    const batches = await counter(registry, 'vigil_classifier_batch_size');
    expect(batches).toBeLessThan(24);
    expect(batches).toBeGreaterThanOrEqual(3); // at most 8 per batch

    for (const [i, result] of results.entries()) {
      const req = requests[i]!;
      expect(() => InferenceResultSchema.parse(result)).not.toThrow();
      expect([result.request_id, result.post_id, result.caption.text]).toEqual([
        req.request_id,
        req.post_id,
        req.text.caption,
      ]);
      expect(result.media.map((m) => m.sha256)).toEqual(req.media.map((m) => m.sha256));
      expect(result.timings.queue_ms).toBeGreaterThanOrEqual(0);
      expect(result.experts.find((e) => e.expert === 'text')!.queue_delay_ms).toBe(result.timings.queue_ms);
      // No cross-talk: per-post outputs equal the post classified on its own.
      const [alone] = await classifier.classify([req]);
      expect(result.caption).toEqual(alone!.caption);
      expect(result.media.map((m) => m.speech)).toEqual(alone!.media.map((m) => m.speech));
      expect(result.coverage).toEqual(alone!.coverage);
      // Batch-invariant (float32 encoder): the same scores as the post alone.
      result.scores.forEach((s, c) => expect(Math.abs(s.score - alone!.scores[c]!.score)).toBeLessThan(1e-5));
    }
    expect(new Set(results.map((r) => r.caption.lang))).toEqual(new Set(['en', 'de', 'fr', 'es']));
    expect(
      Math.max(...results.map((r) => r.experts.find((e) => e.expert === 'text')!.batch_size!)),
    ).toBeGreaterThan(1);
    expect(score(results[0]!, 'harassment/threatening')).toBeGreaterThan(0.5);
    expect(score(results[1]!, 'harassment/threatening')).toBeLessThan(0.2);
    expect(
      await counter(registry, 'vigil_classifier_routing_total', { expert: 'image-stats', decision: 'ran' }),
    ).toBe(8);
    expect(
      await counter(registry, 'vigil_classifier_routing_total', { expert: 'audio-vad', decision: 'ran' }),
    ).toBe(6);
    expect(await counter(registry, 'vigil_classifier_expert_calls_total', { expert: 'text' })).toBe(batches);
  });

  it('an expert that throws on one input (corrupt tensor) does not fail its batch-mates', async () => {
    const { metrics, registry } = newMetrics();
    const queue = queueFor(withExpert, metrics, { maxBatchSize: 8, maxDelayMs: 50 });
    const good = await photoMedia('coffee.png');
    expert.calls.length = 0;
    const [a, bad, b, c] = await Promise.all([
      queue.classify(request('e1', 'morning coffee', [good])),
      queue.classify(request('e2', 'I will kill you tonight', [corrupted(good)])),
      queue.classify(request('e3', 'afternoon coffee', [good])),
      queue.classify(request('e4', 'just text, no picture')),
    ]);
    expect(await counter(registry, 'vigil_classifier_batch_size')).toBe(1); // all four in one batch
    expect(expert.calls[0]).toBe(3); // the batched call over the three frames threw …
    for (const r of [a!, b!]) {
      expect(r.errors).toEqual([]);
      expect(r.experts.find((e) => e.expert === 'nsfw')).toMatchObject({ ran: true });
      expect(r.experts.find((e) => e.expert === 'image-stats')).toMatchObject({ ran: true });
    }
    expect(c!.errors).toEqual([]);
    // … the corrupt post gets errors for the experts that could not read it, and the caption's scores.
    expect(bad!.status).toBe('ok');
    expect(bad!.errors.map((e) => [e.code, e.expert])).toEqual(
      expect.arrayContaining([
        ['EXPERT_FAILED', 'nsfw'],
        ['EXPERT_FAILED', 'image-stats'],
      ]),
    );
    expect(bad!.errors.find((e) => e.expert === 'nsfw')!.message).toContain('corrupt input tensor');
    expect(score(bad!, 'harassment/threatening')).toBeGreaterThan(0.5);
    expect(await counter(registry, 'vigil_classifier_isolated_reruns_total')).toBe(3);
    expect(
      await counter(registry, 'vigil_classifier_errors_total', { code: 'EXPERT_FAILED', expert: 'nsfw' }),
    ).toBe(1);
  });

  it('dense and routed agree on a post where routing skips nothing', async () => {
    const post = request('d1', 'selling unregistered glock, cash only', [await photoMedia('rocket.jpg')]);
    const [routed] = await classifier.classify([post], 'routed');
    const [dense] = await classifier.classify([post], 'dense');
    expect(
      routed!.experts
        .filter((e) => e.ran)
        .map((e) => e.expert)
        .sort(),
    ).toEqual(
      dense!.experts
        .filter((e) => e.ran)
        .map((e) => e.expert)
        .sort(),
    );
    routed!.scores.forEach((s, c) => expect(Math.abs(s.score - dense!.scores[c]!.score)).toBeLessThan(1e-6));
    expect([routed!.routing, dense!.routing]).toEqual(['routed', 'dense']);
  });
});

describe('media cache (Redis)', () => {
  const scope = `test-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  const created: string[] = [];
  const cacheFor = (metrics: ClassifierMetrics, options: { url?: string; maxEntryBytes?: number } = {}) =>
    new MediaCache({
      url: options.url ?? REDIS_URL,
      scope,
      ttlS: 60,
      maxEntryBytes: options.maxEntryBytes ?? 256 * 1024,
      timeoutMs: 200,
      onLookup: (result, n) => metrics.cacheLookups.inc({ result }, n),
      onWrite: (result, n) => metrics.cacheWrites.inc({ result }, n),
    });

  beforeAll(() => redis.connect());
  afterAll(async () => {
    if (created.length > 0) await redis.del(...created);
    redis.disconnect();
  });

  it('reposted media skip image-stats and fuse to the same scores; hits are counted', async () => {
    const { metrics, registry } = newMetrics();
    const cache = cacheFor(metrics);
    expect(await cache.connect()).toBe(true);
    const queue = queueFor(classifier, metrics, { maxBatchSize: 8, maxDelayMs: 0, cache });
    const media = await photoMedia('astronaut.png');
    created.push(cache.key(media.sha256!));
    const first = await queue.classify(request('c1', 'first post of this photo', [media]));
    expect(first.media[0]!.cached).toBeUndefined();
    expect(await redis.ttl(cache.key(media.sha256!))).toBeGreaterThan(50);

    const repost = request('c2', 'I will kill you, watch your back', [{ ...media, media_id: 'other-id' }]);
    const second = await queue.classify(repost);
    expect(second.media[0]).toMatchObject({ media_id: 'other-id', cached: true });
    expect(second.experts).toContainEqual({
      expert: 'image-stats',
      ran: false,
      skipped_reason: 'cache_hit',
      ms: 0,
    });
    const [fresh] = await classifier.classify([repost]);
    second.scores.forEach((s, c) => expect(Math.abs(s.score - fresh!.scores[c]!.score)).toBeLessThan(1e-6));
    expect(second.coverage).toEqual(fresh!.coverage);
    expect(await counter(registry, 'vigil_classifier_media_cache_lookups_total', { result: 'hit' })).toBe(1);
    expect(await counter(registry, 'vigil_classifier_media_cache_lookups_total', { result: 'miss' })).toBe(1);
    expect(await counter(registry, 'vigil_classifier_media_cache_writes_total', { result: 'stored' })).toBe(
      1,
    );
    await cache.close();
  });

  it('does not store entries over the size bound', async () => {
    const { metrics, registry } = newMetrics();
    const cache = cacheFor(metrics, { maxEntryBytes: 100 });
    await cache.connect();
    const queue = queueFor(classifier, metrics, { maxBatchSize: 8, maxDelayMs: 0, cache });
    const media = await photoMedia('horse.png');
    await queue.classify(request('s1', 'a horse', [media]));
    expect(await redis.exists(cache.key(media.sha256!))).toBe(0);
    expect(
      await counter(registry, 'vigil_classifier_media_cache_writes_total', { result: 'too_large' }),
    ).toBe(1);
    await cache.close();
  });

  it('treats an unreachable Redis as misses and still classifies', async () => {
    const { metrics, registry } = newMetrics();
    const cache = cacheFor(metrics, { url: 'redis://127.0.0.1:1/0' });
    expect(await cache.connect()).toBe(false);
    const queue = queueFor(classifier, metrics, { maxBatchSize: 8, maxDelayMs: 0, cache });
    const result = await queue.classify(request('u1', 'a cat', [await photoMedia('chelsea.png')]));
    expect(result.status).toBe('ok');
    expect(result.experts.find((e) => e.expert === 'image-stats')!.ran).toBe(true);
    expect(await counter(registry, 'vigil_classifier_media_cache_lookups_total', { result: 'error' })).toBe(
      1,
    );
    await cache.close();
  });
});

describe('frame experts from the manifest', () => {
  it('builds the experts whose runner the worker knows and lists the others', async () => {
    const entry = (name: string, runner: string): ExpertEntry => ({
      name,
      runner,
      modality: 'image',
      files: {},
      inputs: [],
      outputs: [],
      preprocess: {
        resize: { fit: 'fill', width: 224, height: 224 },
        scale: 1 / 255,
        mean: [0, 0, 0],
        std: [1, 1, 1],
        channel_order: 'RGB',
        layout: 'NHWC',
      },
      informs: ['sexual'],
      params: {},
      provenance: [],
    });
    const manifest = {
      ...MANIFEST,
      experts: [
        // The built-in experts of the real bundle, plus two image experts under test.
        ...MANIFEST.experts.filter((e) => !['nsfw', 'objects', 'ocr'].includes(e.name)),
        entry('nsfw', 'nsfw'),
        entry('ocr', 'ocr'),
      ],
    };
    const seen: string[] = [];
    const { experts, unsupported } = await loadExperts(
      manifest,
      BUNDLE_DIR,
      { provider: 'cpu' },
      {
        modules: [
          {
            runner: 'nsfw',
            core: false,
            load: async ({ entry: e }) => {
              seen.push(resizeKey(e.preprocess!.resize));
              return { ...brightnessExpert(), variant: e.preprocess!.resize };
            },
          },
        ],
      },
    );
    expect(experts.map((e) => e.name)).toEqual(['nsfw']);
    expect(seen).toEqual(['fill:224x224']);
    expect(unsupported).toEqual([{ name: 'ocr', runner: 'ocr' }]);
  });
});
