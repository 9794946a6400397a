/**
 * The classifier worker in-process (NestJS app, real Kafka broker, real models, real Redis): requests
 * through `vigil.inference.requests.v1`, results from `vigil.inference.results.v1`.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  CONTENT_TYPE_HEADER,
  decodeInternal,
  encodeInternal,
  INTERNAL_CONTENT_TYPE,
  InferenceResultSchema,
  internalHeaders,
  SCHEMA_HEADER,
  TOPICS,
  topicName,
  topicsWithPrefix,
  type InferenceRequest,
  type InferenceResult,
} from '@vigil/contracts';
import { DLQ_HEADERS, RecordProducer, TopicAdmin } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { loadExperts, VigilClassifier } from '@vigil/model';
import { parseConfig } from '@vigil/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassifierModule } from '../src/classifier.module';
import { envSchema } from '../src/config';
import { INFERENCE_RESULT_SCHEMA } from '../src/inference-consumer';
import {
  BUNDLE_DIR,
  corrupted,
  MANIFEST,
  photoMedia,
  REDIS_URL,
  request,
  speechMedia,
  TopicCollector,
} from './support';

let broker: TestBroker;
let app: INestApplication;
let baseUrl: string;
let producer: RecordProducer;
let collector: TopicCollector;
let reference: VigilClassifier;
const prefix = `${uniqueName('classifier')}.`;
const settings = () => broker.settings('classifier-test');
const requestsTopic = () => topicName(TOPICS.inferenceRequests, prefix);
const QUEUED = 50;
const queued: InferenceRequest[] = [];

async function publish(requests: InferenceRequest[], headers: Record<string, string> = {}): Promise<void> {
  await producer.send(
    requestsTopic(),
    requests.map((r) => ({
      key: `${r.tenant_id}:${r.post_id}`,
      value: encodeInternal(r),
      headers: { ...internalHeaders('inference-request.v1', r.traceparent), ...headers },
    })),
  );
}

const results = () =>
  collector.records
    .filter((r) => r.topic === topicName(TOPICS.inferenceResults, prefix))
    .map((r) => ({ record: r, result: decodeInternal(InferenceResultSchema, r.value!) }));

async function resultsFor(postIds: string[]): Promise<Map<string, InferenceResult>> {
  await collector.waitUntil(() => {
    const seen = new Set(results().map((r) => r.result.post_id));
    return postIds.every((id) => seen.has(id));
  }, 120_000);
  return new Map(results().map((r) => [r.result.post_id, r.result]));
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

/** A photo medium with a sha256 of its own, so no earlier run's media-cache entry applies. */
const freshPhoto = async (photo: string, mediaId?: string) => ({
  ...(await photoMedia(photo, mediaId)),
  sha256: randomBytes(32).toString('hex'),
});

const score = (r: InferenceResult, category: string) => r.scores.find((s) => s.category === category)!.score;

beforeAll(async () => {
  broker = await startTestBroker();
  await new TopicAdmin(settings()).ensureTopics(topicsWithPrefix(prefix));
  producer = new RecordProducer(settings());
  collector = new TopicCollector(settings(), [
    topicName(TOPICS.inferenceResults, prefix),
    topicName(TOPICS.inferenceRequestsDlq, prefix),
  ]);
  await collector.start();
  // The worker's classifier as a reference: the bundle with its image experts.
  const { experts } = await loadExperts(MANIFEST, BUNDLE_DIR, { provider: 'cpu' });
  reference = await VigilClassifier.load(BUNDLE_DIR, { session: { provider: 'cpu' }, experts });

  // Queued before the worker starts: it finds 50 requests waiting across the partitions.
  const captions = [
    'great match today',
    'I will find you and hurt you',
    'buy cheap pills now, dm me',
    'nice dog',
  ];
  for (let i = 0; i < QUEUED; i++) {
    const media = [];
    if (i % 5 === 0) media.push(await freshPhoto(['coffee.png', 'horse.png', 'rocket.jpg'][i % 3]!));
    if (i % 10 === 3)
      media.push(
        speechMedia(['hello there', 'one two three four five six', 'good morning everyone, welcome'][i % 3]!),
      );
    queued.push(request(`b${i}`, `${captions[i % captions.length]} (post ${i})`, media));
  }
  await publish(queued);

  const config = parseConfig(envSchema, {
    ...broker.env(),
    KAFKA_TOPIC_PREFIX: prefix,
    CLASSIFIER_GROUP_ID: uniqueName('classifier'),
    CLASSIFIER_MAX_BATCH_SIZE: '16',
    CLASSIFIER_MAX_QUEUE_DELAY_MS: '5',
    VIGIL_BUNDLE_DIR: BUNDLE_DIR,
    VIGIL_EXECUTION_PROVIDER: 'cpu',
    MEDIA_CACHE_URL: REDIS_URL,
    MEDIA_CACHE_TTL_S: '120',
    HTTP_PORT: '1',
    LOG_LEVEL: 'error',
  });
  app = await NestFactory.create(ClassifierModule.forRoot(config, { requested: 'cpu', provider: 'cpu' }), {
    logger: ['error'],
  });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await collector?.stop();
  await producer?.disconnect();
  await new TopicAdmin(settings()).deleteTopics(topicsWithPrefix(prefix).map((t) => t.name));
  await broker?.stop();
});

describe('classifier worker', () => {
  it(`batches ${QUEUED} queued requests into fewer batches, each result carrying its own post's outputs`, async () => {
    const byPost = await resultsFor(queued.map((r) => r.post_id));
    const batches = await metric('vigil_classifier_batch_size_count');
    expect(batches).toBeLessThan(QUEUED);
    expect(await metric('vigil_classifier_batch_size_sum')).toBeGreaterThanOrEqual(QUEUED);
    for (const req of queued) {
      const result = byPost.get(req.post_id)!;
      const [alone] = await reference.classify([req]);
      expect([result.request_id, result.caption.text]).toEqual([req.request_id, req.text.caption]);
      expect(result.caption.lang).toBe(alone!.caption.lang);
      expect(result.media.map((m) => [m.media_id, m.sha256, m.speech])).toEqual(
        alone!.media.map((m) => [m.media_id, m.sha256, m.speech]),
      );
      expect(result.coverage).toEqual(alone!.coverage);
      // Batch-invariant: the scores of the post classified on its own.
      result.scores.forEach((x, c) => expect(Math.abs(x.score - alone!.scores[c]!.score)).toBeLessThan(1e-5));
    }
    const sizes = queued.map(
      (r) => byPost.get(r.post_id)!.experts.find((e) => e.expert === 'fusion')!.batch_size!,
    );
    expect(Math.max(...sizes)).toBeGreaterThan(1);
  });

  it('answers a request on real photos with the result contract, plausible scores and the trace context', async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const post = request(
      'photo-1',
      'selling unregistered glock, no papers, cash only',
      [await freshPhoto('chelsea.png')],
      {
        trace_id: traceId,
        traceparent,
        request_binding: 'v1:k1:ingest-made-this-binding',
      },
    );
    const benign = request('photo-2', 'my cat enjoying the sun', [await freshPhoto('chelsea.png', 'cat')]);
    await publish([post, benign], { traceparent });
    const byPost = await resultsFor(['photo-1', 'photo-2']);
    const r = byPost.get('photo-1')!;
    const record = results().find((x) => x.result.post_id === 'photo-1')!.record;

    expect(() => InferenceResultSchema.parse(r)).not.toThrow();
    expect(record.key!.toString()).toBe('acme:photo-1');
    expect(record.headers[CONTENT_TYPE_HEADER]).toBe(INTERNAL_CONTENT_TYPE);
    expect(record.headers[SCHEMA_HEADER]).toBe(INFERENCE_RESULT_SCHEMA);
    // W3C trace context: same trace, carried in the header and the body.
    expect(record.headers.traceparent!.split('-')[1]).toBe(traceId);
    expect(r.traceparent!.split('-')[1]).toBe(traceId);
    expect(r.trace_id).toBe(traceId);
    // The request binding comes back unchanged (moderation checks it; the classifier has no key).
    expect(r.request_binding).toBe('v1:k1:ingest-made-this-binding');
    expect(byPost.get('photo-2')!.request_binding).toBeUndefined();

    expect(r).toMatchObject({
      request_id: 'acme:photo-1:0',
      status: 'ok',
      provider: 'cpu',
      routing: 'routed',
      bundle: { name: reference.manifest.name, version: reference.manifest.version },
    });
    expect(score(r, 'illicit/weapons')).toBeGreaterThan(0.5);
    expect(r.scores.find((s) => s.category === 'illicit/weapons')!.attribution[0]!.modality).toBe('caption');
    expect(Math.max(...byPost.get('photo-2')!.scores.map((s) => s.score))).toBeLessThan(0.3);
    expect(r.caption.lang).toBe('en');
    expect(r.media[0]).toMatchObject({ media_id: 'img', kind: 'image', status: 'ok' });
    // What ran, with its cost, batch and queue delay; what was skipped and why; what is not covered.
    for (const name of ['text', 'language', 'image-stats', 'nsfw', 'fusion']) {
      const run = r.experts.find((e) => e.expert === name)!;
      expect(run).toMatchObject({ ran: true });
      expect(run.batch_size).toBeGreaterThanOrEqual(1);
      expect(run.queue_delay_ms).toBeGreaterThanOrEqual(0);
    }
    // A photo without text: the OCR gate stays shut; the object detector reads frame 0 for alt-text.
    expect(r.experts).toContainEqual({
      expert: 'ocr',
      ran: false,
      skipped_reason: 'no_text_likelihood',
      ms: 0,
    });
    expect(r.experts.find((e) => e.expert === 'objects')).toMatchObject({ ran: true });
    // Alt-text per image from what the experts saw (chelsea the cat, per the objects expert).
    for (const result of [r, byPost.get('photo-2')!])
      expect(result.media[0]!.alt_text).toMatchObject({ text: 'Photo of a cat', decorative: false });
    expect(r.coverage.not_covered).toContain('sexual/minors');
    expect(r.timings).toMatchObject({ fetch_ms: 3, decode_ms: 5 });
    for (const t of ['queue_ms', 'experts_ms', 'fusion_ms', 'classifier_ms'])
      expect(r.timings[t]).toBeGreaterThanOrEqual(0);
  });

  it('isolates a corrupt tensor: its post gets an expert error and caption scores, batch-mates are untouched', async () => {
    const good = await freshPhoto('coffee.png');
    await publish([
      request('iso-1', 'coffee time', [good]),
      request('iso-2', 'I will kill you tonight', [corrupted(good)]),
      request('iso-3', 'more coffee', [await freshPhoto('coffee.png')]),
    ]);
    const byPost = await resultsFor(['iso-1', 'iso-2', 'iso-3']);
    const bad = byPost.get('iso-2')!;
    expect(bad.status).toBe('ok');
    // Every frame expert that read the corrupt variants failed for this post alone.
    expect(bad.errors).toEqual([
      expect.objectContaining({ code: 'EXPERT_FAILED', expert: 'image-stats' }),
      expect.objectContaining({ code: 'EXPERT_FAILED', expert: 'nsfw' }),
      expect.objectContaining({ code: 'EXPERT_FAILED', expert: 'objects' }),
    ]);
    expect(bad.media[0]!.alt_text).toBeUndefined();
    expect(score(bad, 'harassment/threatening')).toBeGreaterThan(0.5);
    for (const id of ['iso-1', 'iso-3']) {
      expect(byPost.get(id)!.errors).toEqual([]);
      expect(byPost.get(id)!.experts.find((e) => e.expert === 'image-stats')!.ran).toBe(true);
      expect(byPost.get(id)!.experts.find((e) => e.expert === 'nsfw')!.ran).toBe(true);
      expect(byPost.get(id)!.media[0]!.alt_text!.decorative).toBe(false);
    }
  });

  it('dead-letters an undecodable request with the reason and keeps consuming the partition', async () => {
    const key = 'acme:dlq-1';
    await producer.send(requestsTopic(), [
      { key, value: Buffer.from('not msgpack at all'), headers: { 'x-origin': 'test' } },
    ]);
    await publish([request('dlq-1', 'after the bad record')]); // same key: same partition, after it
    await resultsFor(['dlq-1']);
    const dead = collector.records.filter((r) => r.topic === topicName(TOPICS.inferenceRequestsDlq, prefix));
    expect(dead).toHaveLength(1);
    expect(dead[0]!.key!.toString()).toBe(key);
    expect(dead[0]!.value!.toString()).toBe('not msgpack at all');
    expect(dead[0]!.headers).toMatchObject({
      [DLQ_HEADERS.errorCode]: 'MESSAGE_UNDECODABLE',
      [DLQ_HEADERS.originTopic]: requestsTopic(),
      'x-origin': 'test',
    });
    expect(await metric('vigil_classifier_dead_letters_total{code="MESSAGE_UNDECODABLE"}')).toBe(1);
  });

  it('serves reposted media from the media cache and counts the hit', async () => {
    const media = await freshPhoto('astronaut.png');
    await publish([request('cache-1', 'launch day', [media])]);
    await resultsFor(['cache-1']);
    await publish([request('cache-2', 'same photo, new caption', [{ ...media, media_id: 'again' }])]);
    const byPost = await resultsFor(['cache-2']);
    expect(byPost.get('cache-1')!.media[0]!.cached).toBeUndefined();
    expect(byPost.get('cache-2')!.media[0]).toMatchObject({ media_id: 'again', cached: true });
    // The cached medium keeps its alt-text (the astronaut photo: a person).
    expect(byPost.get('cache-1')!.media[0]!.alt_text!.text).toMatch(/^Photo of a person\b/);
    expect(byPost.get('cache-2')!.media[0]!.alt_text).toEqual(byPost.get('cache-1')!.media[0]!.alt_text);
    expect(byPost.get('cache-2')!.experts).toContainEqual({
      expert: 'image-stats',
      ran: false,
      skipped_reason: 'cache_hit',
      ms: 0,
    });
    expect(await metric('vigil_classifier_media_cache_lookups_total{result="hit"}')).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('reports provider, bundle and warm-up in /readyz and its metrics in /metrics', async () => {
    const ready = (await (await fetch(`${baseUrl}/readyz`)).json()) as {
      status: string;
      info: Record<string, Record<string, unknown>>;
    };
    expect(ready.status, JSON.stringify(ready)).toBe('ok');
    expect(ready.info.models).toMatchObject({
      status: 'up',
      provider: 'cpu',
      requested_provider: 'cpu',
      bundle: reference.manifest.name,
      version: reference.manifest.version,
    });
    expect(ready.info.models!.warmup_ms).toBeGreaterThan(0);
    expect(ready.info['media-cache']).toMatchObject({ status: 'up', redis: 'connected' });
    expect(ready.info['hash-banks']).toMatchObject({ status: 'up', enabled: false });
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    for (const name of [
      'vigil_classifier_batch_size_bucket',
      'vigil_classifier_queue_delay_seconds_bucket',
      'vigil_classifier_expert_seconds_bucket{le="0.005",expert="text"}',
      'vigil_classifier_expert_calls_total{expert="fusion"}',
      'vigil_classifier_routing_total{expert="ocr",decision="skipped",reason="no_text_likelihood"}',
      'vigil_classifier_routing_total{expert="nsfw",decision="ran"',
      'vigil_classifier_requests_total{status="ok"}',
      'vigil_classifier_media_cache_lookups_total',
      'vigil_classifier_errors_total{code="EXPERT_FAILED",expert="image-stats"}',
      `vigil_classifier_info{provider="cpu",requested="cpu",bundle="${reference.manifest.name}",version="${reference.manifest.version}"} 1`,
    ])
      expect(text).toContain(name);
  });
});
