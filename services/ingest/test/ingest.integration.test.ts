import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  decodeInternal,
  InferenceRequestSchema,
  INTERNAL_CONTENT_TYPE,
  MAX_MEDIA_PER_POST,
  RequestBinder,
  SCHEMA_HEADER,
  TOPICS,
  topicName,
  type InferenceRequest,
  type PostV1Input,
} from '@vigil/contracts';
import {
  DLQ_HEADERS,
  RecordProducer,
  TopicAdmin,
  type IncomingRecord,
  type OutgoingRecord,
} from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import {
  makeMediaFixtures,
  startMediaServer,
  type MediaFixtures,
  type MediaServer,
} from '@vigil/media/testing';
import { ConfigError, parseConfig } from '@vigil/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envSchema } from '../src/config';
import { IngestModule } from '../src/ingest.module';
import { TopicCollector, writeTestBundle } from './support';

const PHOTOS = resolve(__dirname, '..', '..', '..', '.data', 'photos');
const TEXT_LIMIT = 1_000;
const MAX_MEDIA = 6;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

let broker: TestBroker;
let app: INestApplication;
let baseUrl: string;
let server: MediaServer;
let fixtures: MediaFixtures;
let collector: TopicCollector;
let producer: RecordProducer;
let workDir: string;
const prefix = `${uniqueName('it')}.`;
const settings = () => broker.settings('ingest-test');
const postsTopic = () => topicName(TOPICS.posts, prefix);
const requestsTopic = () => topicName(TOPICS.inferenceRequests, prefix);
const dlqTopic = () => topicName(TOPICS.postsDlq, prefix);

/** The keyring ingest signs requests with here; moderation would verify with the same one. */
const BINDING_KEYS = `it:${Buffer.alloc(32, 3).toString('base64')}`;

beforeAll(async () => {
  broker = await startTestBroker();
  workDir = mkdtempSync(join(tmpdir(), 'vigil-ingest-it-'));
  fixtures = await makeMediaFixtures(workDir, PHOTOS);
  server = await startMediaServer(fixtures);
  const config = parseConfig(envSchema, {
    ...broker.env(),
    KAFKA_TOPIC_PREFIX: prefix,
    INGEST_GROUP_ID: uniqueName('ingest'),
    VIGIL_BUNDLE_DIR: writeTestBundle(join(workDir, 'bundle')),
    INGEST_MEDIA_ALLOW: '127.0.0.1',
    INGEST_FETCH_TIMEOUT_MS: '1500',
    INGEST_MEDIA_MAX_BYTES: String(2 * 1024 * 1024),
    INGEST_TEXT_MAX_CHARS: String(TEXT_LIMIT),
    INGEST_MAX_MEDIA: String(MAX_MEDIA),
    INGEST_MAX_DURATION_S: '60',
    INGEST_TMP_DIR: workDir,
    // One decode slot and a short queue, so a post with several media fills the pool and pauses fetching.
    INGEST_DECODE_CONCURRENCY: '1',
    INGEST_DECODE_QUEUE: '2',
    REQUEST_BINDING_KEYS: BINDING_KEYS,
    HTTP_PORT: '1',
    LOG_LEVEL: 'warn',
  });
  app = await NestFactory.create(IngestModule.forRoot(config), { logger: ['error'] });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
  collector = new TopicCollector(settings(), [requestsTopic(), dlqTopic()]);
  await collector.start();
  producer = new RecordProducer(settings());
});

afterAll(async () => {
  await collector?.stop();
  await producer?.disconnect();
  await app?.close();
  await server?.close();
  await new TopicAdmin(settings()).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
  rmSync(workDir, { recursive: true, force: true });
  await broker?.stop();
});

function post(postId: string, extra: Partial<PostV1Input> = {}): PostV1Input {
  return {
    schema_version: 1,
    post_id: postId,
    tenant_id: 'acme',
    revision: 1,
    created_at: '2025-06-01T12:00:00Z',
    author: 'author-7',
    text: 'hello',
    ...extra,
  };
}

async function publish(records: OutgoingRecord[]): Promise<void> {
  await producer.send(postsTopic(), records);
}

const keyIs = (key: string) => (r: IncomingRecord) => r.key?.toString() === key;

/** Publishes a post and returns the decoded inference request(s) it produced, with the raw record. */
async function roundTrip(
  p: PostV1Input,
  headers: Record<string, string> = {},
): Promise<{ request: InferenceRequest; record: IncomingRecord }> {
  const key = `${p.tenant_id}:${p.post_id}`;
  await publish([{ key, value: JSON.stringify(p), headers }]);
  const [record] = await collector.waitFor((r) => r.topic === requestsTopic() && keyIs(key)(r));
  return { request: decodeInternal(InferenceRequestSchema, record!.value!), record: record! };
}

const url = (path: string) => `${server.origin}${path}`;

describe('ingest: posts → inference requests', () => {
  it('turns a post with image, GIF, video and audio into one binary request keyed tenant:post', async () => {
    const id = uniqueName('mixed');
    const { request, record } = await roundTrip(
      post(id, {
        revision: 3,
        lang: 'en',
        priority: 'high',
        callback: { endpoint_id: 'hook-1', correlation_id: 'corr-9' },
        media: [
          { media_id: 'photo', kind: 'image', source: { url: url('/media/rocket.jpg') } },
          { media_id: 'anim', kind: 'gif', source: { url: url('/media/animated.gif') } },
          { media_id: 'clip', kind: 'video', source: { url: url('/media/clip.mp4') } },
          { media_id: 'voice', kind: 'audio', source: { url: url('/media/tone.ogg') } },
        ],
      }),
      { traceparent: TRACEPARENT },
    );
    expect(record.headers['content-type']).toBe(INTERNAL_CONTENT_TYPE);
    expect(record.headers[SCHEMA_HEADER]).toBe('inference-request.v1');
    // Ingest's own span: same trace, new span id.
    expect(record.headers.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(record.headers.traceparent).not.toBe(TRACEPARENT);
    expect(request).toMatchObject({
      schema_version: 1,
      request_id: `acme:${id}:3`,
      tenant_id: 'acme',
      post_id: id,
      revision: 3,
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      traceparent: record.headers.traceparent,
      priority: 'high',
      text: { caption: 'hello', lang_hint: 'en', truncated: false },
      errors: [],
      callback: { endpoint_id: 'hook-1', correlation_id: 'corr-9' },
      created_at: '2025-06-01T12:00:00Z',
    });
    expect(request.media.map((m) => [m.media_id, m.kind, m.status, m.mime])).toEqual([
      ['photo', 'image', 'ok', 'image/jpeg'],
      ['anim', 'gif', 'ok', 'image/gif'],
      ['clip', 'video', 'ok', 'video/mp4'],
      ['voice', 'audio', 'ok', 'audio/ogg'],
    ]);
    // Bound to this tenant, post, revision and media bytes with the first key (issue 19).
    const binder = RequestBinder.fromKeyring(BINDING_KEYS);
    expect(request.request_binding).toMatch(/^v1:it:/);
    expect(binder.verify(request, request.request_binding)).toEqual({ ok: true });
    expect(binder.verify({ ...request, tenant_id: 'globex' }, request.request_binding).ok).toBe(false);
    expect(request.media.every((m) => /^[0-9a-f]{64}$/.test(m.sha256 ?? ''))).toBe(true);
    const [photo, anim, clip, voice] = request.media;
    expect(photo!.frames).toHaveLength(1);
    expect(anim!.frames).toHaveLength(8); // 9 frames, INGEST_ANIMATION_FRAMES=8
    expect(clip!.frames.map((f) => f.timestamp_ms)).toEqual([500, 1500, 2500]);
    for (const frame of [...photo!.frames, ...anim!.frames, ...clip!.frames]) {
      expect(Object.keys(frame.variants).sort()).toEqual(['fill:224x224', 'inside:960x960']);
      const fill = frame.variants['fill:224x224']!;
      expect(fill.data.byteLength).toBe(224 * 224 * 3);
      // Every image, animation page and sampled video frame travels with its PDQ hash.
      expect(frame.pdq!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(frame.pdq!.quality).toBeGreaterThanOrEqual(0);
    }
    // A real photo hashes with full quality (the classifier matches only quality ≥ 50).
    expect(photo!.frames[0]!.pdq!.quality).toBeGreaterThanOrEqual(50);
    expect(clip!.audio?.sample_rate).toBe(16_000);
    expect(voice!.audio!.pcm_s16le.byteLength).toBeGreaterThan(2 * 16_000 * 1.9);
    expect(voice!.frames).toEqual([]);
    expect(request.timings.ingest_ms).toBeGreaterThan(0);
    expect(request.timings.decode_ms).toBeGreaterThan(0);
    expect(request.received_at).toBeLessThanOrEqual(Date.now());
  });

  it('starts a trace when the post has no traceparent', async () => {
    const { request, record } = await roundTrip(post(uniqueName('untraced')));
    expect(request.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(record.headers.traceparent).toMatch(new RegExp(`^00-${request.trace_id}-[0-9a-f]{16}-01$`));
  });

  it('still produces a request when every medium fails, each with its code', async () => {
    const { request } = await roundTrip(
      post(uniqueName('all-bad'), {
        media: [
          { media_id: 'meta', kind: 'image', source: { url: 'http://169.254.169.254/latest/meta-data/' } },
          { media_id: 'private', kind: 'image', source: { url: 'http://192.168.1.20/a.jpg' } },
          { media_id: 'bomb', kind: 'image', source: { url: url('/media/bomb.png') } },
          { media_id: 'long', kind: 'video', source: { url: url('/media/two-hours.mp4') } },
          { media_id: 'hang', kind: 'image', source: { url: url('/hang') } },
          { media_id: 'zip', kind: 'image', source: { url: url('/media/lies.jpg') } },
        ],
      }),
    );
    expect(request.media.map((m) => [m.media_id, m.status, m.error?.code])).toEqual([
      ['meta', 'error', 'MEDIA_FETCH_FORBIDDEN'],
      ['private', 'error', 'MEDIA_FETCH_FORBIDDEN'],
      ['bomb', 'error', 'MEDIA_TOO_MANY_PIXELS'],
      ['long', 'error', 'MEDIA_TOO_LONG'],
      ['hang', 'error', 'MEDIA_FETCH_TIMEOUT'],
      ['zip', 'error', 'MEDIA_UNSUPPORTED_TYPE'],
    ]);
    expect(request.media.every((m) => m.frames.length === 0 && m.error?.media_id === m.media_id)).toBe(true);
  });

  it('cuts a 1 MB caption to the configured length and says so', async () => {
    const caption = 'é'.repeat(512 * 1024) + '🙂'.repeat(10); // 1 MiB of UTF-8, then astral characters
    const { request } = await roundTrip(post(uniqueName('long-caption'), { text: caption }));
    expect(request.text.truncated).toBe(true);
    expect(request.text.caption).toBe('é'.repeat(TEXT_LIMIT));
    expect(request.errors).toEqual([
      { code: 'POST_TEXT_TOO_LONG', message: `caption cut to ${TEXT_LIMIT} characters` },
    ]);
  });

  it('analyses at most INGEST_MAX_MEDIA media and forwards none of the rest; a full decode pool pauses fetching', async () => {
    // Inline media skip the network, so all of them reach the single decode slot at once: 1 runs, 5 wait.
    const inline = fixtures['alpha.png']!.toString('base64');
    const media = Array.from({ length: MAX_MEDIA + 2 }, (_, i) => ({
      media_id: `m${i}`,
      kind: 'image' as const,
      source: { inline },
    }));
    const { request } = await roundTrip(post(uniqueName('many'), { media }));
    expect(request.media.map((m) => m.status)).toEqual(Array(MAX_MEDIA).fill('ok'));
    expect(request.errors).toEqual([
      {
        code: 'POST_TOO_MANY_MEDIA',
        message: `${MAX_MEDIA + 2} media: the first ${MAX_MEDIA} were analysed, 2 were not`,
      },
    ]);
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(Number(/vigil_ingest_fetch_pauses_total (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    // Fetching resumed: the next post still comes through.
    const after = await roundTrip(post(uniqueName('after-pause')));
    expect(after.request.text.caption).toBe('hello');
  });

  it('a caption with NUL and a lone surrogate is cleaned and flagged, not lost', async () => {
    const { request } = await roundTrip(post(uniqueName('nul'), { text: 'ki\u0000ll \ud800me' }));
    expect(request.text.caption).toBe('kill \ufffdme');
    expect(request.errors.map((e) => e.code)).toEqual(['POST_TEXT_SANITIZED']);
  });

  it('keeps revisions of one post in order, each with its own idempotency key', async () => {
    const id = uniqueName('edited');
    const key = `acme:${id}`;
    await publish([1, 2, 3].map((revision) => ({ key, value: JSON.stringify(post(id, { revision })) })));
    const records = await collector.waitFor((r) => r.topic === requestsTopic() && keyIs(key)(r), 3);
    const ids = records.map((r) => decodeInternal(InferenceRequestSchema, r.value!).request_id);
    expect(ids).toEqual([`${key}:1`, `${key}:2`, `${key}:3`]);
  });
});

describe('ingest: malformed posts go to the DLQ and the partition moves on', () => {
  it.each([
    ['not JSON', Buffer.from('{"tenant_id": "acme", oops'), 'POST_NOT_JSON'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'POST_INVALID_UTF8'],
    [
      'schema-invalid (no author, bad tenant)',
      Buffer.from(JSON.stringify({ ...post('x'), author: undefined, tenant_id: 'a b' })),
      'POST_SCHEMA_INVALID',
    ],
    [
      `${MAX_MEDIA_PER_POST + 1} media (over the contract's cap)`,
      Buffer.from(
        JSON.stringify({
          ...post('x'),
          media: Array.from({ length: MAX_MEDIA_PER_POST + 1 }, (_, i) => ({
            media_id: `m${i}`,
            kind: 'image',
            source: { url: 'https://cdn.example.com/a.jpg' },
          })),
        }),
      ),
      'POST_SCHEMA_INVALID',
    ],
    [
      'NUL in the post id',
      Buffer.from(JSON.stringify({ ...post('x'), post_id: 'p\u0000' })),
      'POST_SCHEMA_INVALID',
    ],
    [
      'unknown schema version',
      Buffer.from(JSON.stringify({ ...post('x'), schema_version: 2 })),
      'POST_UNKNOWN_VERSION',
    ],
  ])('%s → %s', async (_name, value, code) => {
    const poisonKey = `acme:${uniqueName('poison')}`;
    const followerId = uniqueName('after-poison');
    // Same key → same partition: the follower is behind the poison message.
    await publish([
      { key: poisonKey, value, headers: { traceparent: TRACEPARENT } },
      { key: poisonKey, value: JSON.stringify(post(followerId)) },
    ]);
    const [dead] = await collector.waitFor((r) => r.topic === dlqTopic() && keyIs(poisonKey)(r));
    expect(dead!.headers[DLQ_HEADERS.errorCode]).toBe(code);
    expect(dead!.headers[DLQ_HEADERS.errorMessage]!.length).toBeGreaterThan(0);
    expect(dead!.headers[DLQ_HEADERS.originTopic]).toBe(postsTopic());
    expect(dead!.headers[DLQ_HEADERS.originPartition]).toMatch(/^\d+$/);
    expect(dead!.headers[DLQ_HEADERS.originOffset]).toMatch(/^\d+$/);
    expect(dead!.headers.traceparent).toBe(TRACEPARENT);
    expect(Buffer.compare(dead!.value!, value)).toBe(0);
    const [follower] = await collector.waitFor(
      (r) => r.topic === requestsTopic() && keyIs(`acme:${followerId}`)(r),
    );
    expect(decodeInternal(InferenceRequestSchema, follower!.value!).post_id).toBe(followerId);
  });
});

describe('ingest service wiring', () => {
  it('serves liveness, readiness and Prometheus metrics', async () => {
    const live = await fetch(`${baseUrl}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const readyBody = (await ready.json()) as { status: string; info: Record<string, { status: string }> };
    expect(readyBody.status).toBe('ok');
    expect(readyBody.info.kafka?.status).toBe('up');
    expect(readyBody.info.consumer?.status).toBe('up');
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toContain('vigil_process_resident_memory_bytes');
    expect(metrics).toMatch(/vigil_ingest_posts_total\{outcome="request"\} \d+/);
    expect(metrics).toMatch(/vigil_ingest_media_total\{kind="image",result="MEDIA_FETCH_FORBIDDEN"\} \d+/);
  });
});

describe('ingest config', () => {
  it('names every missing or malformed variable', () => {
    expect(() => parseConfig(envSchema, { HTTP_PORT: 'eighty' })).toThrowError(ConfigError);
    try {
      parseConfig(envSchema, { KAFKA_BROKERS: 'no-port', HTTP_PORT: 'eighty', INGEST_MAX_PIXELS: '-5' });
    } catch (error) {
      const vars = (error as ConfigError).issues.map((i) => i.variable);
      expect(vars).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'HTTP_PORT', 'INGEST_MAX_PIXELS']));
    }
  });

  it('refuses to start without a request-binding keyring, or with a short key', () => {
    for (const keys of [undefined, '', 'k1:c2hvcnQ='])
      expect(() =>
        parseConfig(envSchema, {
          KAFKA_BROKERS: 'k:9092',
          ...(keys === undefined ? {} : { REQUEST_BINDING_KEYS: keys }),
        }),
      ).toThrowError(/REQUEST_BINDING_KEYS/);
  });

  it('resolves a relative bundle dir from the repository root and parses the allow-list', () => {
    const config = parseConfig(envSchema, {
      KAFKA_BROKERS: 'k:9092',
      INGEST_MEDIA_ALLOW: '127.0.0.1, 10.0.0.0/8',
      REQUEST_BINDING_KEYS: BINDING_KEYS,
    });
    expect(config.VIGIL_BUNDLE_DIR).toBe(resolve(__dirname, '..', '..', '..', '.models', 'vigil-base'));
    expect(config.INGEST_MEDIA_ALLOW).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });
});
