/**
 * Demo driver: publishes sample posts to `vigil.posts.v1` as a platform would and prints what the
 * pipeline produced for each. Until the classifier and moderation services exist, "what came out" is
 * the inference request on `vigil.inference.requests.v1` (decoded from MessagePack+LZ4) and the DLQ
 * entry for the malformed post. Media are served from a local HTTP server on 127.0.0.1 (ingest must
 * allow it: demo.sh sets INGEST_MEDIA_ALLOW=127.0.0.1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  decodeInternal,
  InferenceRequestSchema,
  postKey,
  TOPICS,
  topicName,
  type InferenceRequest,
  type PostV1Input,
} from '@vigil/contracts';
import { BatchConsumer, DLQ_HEADERS, RecordProducer, type IncomingRecord } from '@vigil/kafka';
import { makeMediaFixtures, startMediaServer } from '@vigil/media/testing';

const ROOT = resolve(__dirname, '..', '..');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const settings = { brokers, clientId: 'vigil-demo' };
const runId = Date.now().toString(36);
/** The same KAFKA_TOPIC_PREFIX as the services, so the demo can run beside other environments. */
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const POSTS = topicName(TOPICS.posts, prefix);
const REQUESTS = topicName(TOPICS.inferenceRequests, prefix);
const DLQ = topicName(TOPICS.postsDlq, prefix);

function samples(origin: string): PostV1Input[] {
  const base = {
    schema_version: 1 as const,
    tenant_id: 'demo',
    revision: 1,
    created_at: new Date().toISOString(),
  };
  const media = (id: string, kind: 'image' | 'gif' | 'video' | 'audio', path: string) => ({
    media_id: id,
    kind,
    source: { url: `${origin}${path}` },
  });
  return [
    { ...base, post_id: `caption-${runId}`, author: 'u1', text: 'Sunset over the harbour tonight' },
    { ...base, post_id: `multilingual-${runId}`, author: 'u2', text: 'Bonjour tout le monde !', lang: 'fr' },
    {
      ...base,
      post_id: `photo-gif-${runId}`,
      author: 'u3',
      text: 'Launch day',
      media: [media('rocket', 'image', '/media/rocket.jpg'), media('loop', 'gif', '/media/animated.gif')],
    },
    {
      ...base,
      post_id: `video-audio-${runId}`,
      author: 'u4',
      text: 'Clip and voice note',
      media: [media('clip', 'video', '/media/clip.mp4'), media('note', 'audio', '/media/tone.ogg')],
    },
    {
      ...base,
      post_id: `hostile-${runId}`,
      author: 'u5',
      text: 'Media that must not be fetched or decoded',
      media: [
        { media_id: 'metadata', kind: 'image', source: { url: 'http://169.254.169.254/latest/meta-data/' } },
        media('bomb', 'image', '/media/bomb.png'),
      ],
    },
  ];
}

/** One line per medium: `id kind status` plus frames, audio seconds or the error code. */
function describeMedia(request: InferenceRequest): string {
  if (request.media.length === 0) return `caption only (${request.text.caption.length} chars)`;
  return request.media
    .map((m) => {
      if (m.status === 'error') return `${m.media_id} ${m.kind}: ${m.error?.code}`;
      const parts = [`${m.frames.length} frame${m.frames.length === 1 ? '' : 's'}`];
      if (m.audio) parts.push(`${(m.audio.duration_ms / 1000).toFixed(1)} s audio`);
      return `${m.media_id} ${m.kind} ${m.mime}: ${parts.join(' + ')}`;
    })
    .join('; ');
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  const server = await startMediaServer(await makeMediaFixtures(work, join(ROOT, '.data', 'photos')));
  const producer = new RecordProducer(settings);
  const started = new Map<string, number>();
  try {
    for (const post of samples(server.origin)) {
      const key = postKey(post.tenant_id, post.post_id);
      started.set(key, Date.now());
      await producer.send(POSTS, [{ key, value: JSON.stringify(post) }]);
    }
    const malformed = { key: `demo:broken-${runId}`, value: '{"tenant_id": "demo", "post_id": ' };
    started.set(malformed.key, Date.now());
    await producer.send(POSTS, [malformed]);
    await producer.disconnect();

    const rows: Array<{ post: string; topic: string; outcome: string; latency: string }> = [];
    let done!: () => void;
    const all = new Promise<void>((r) => (done = r));
    const reader = new BatchConsumer(settings, {
      groupId: `vigil-demo-${runId}`,
      topics: [REQUESTS, DLQ],
      eachRecord: async (r: IncomingRecord) => {
        const key = r.key?.toString() ?? '';
        const t0 = started.get(key);
        if (t0 === undefined) return;
        const outcome =
          r.topic === DLQ
            ? `dead-lettered: ${r.headers[DLQ_HEADERS.errorCode]}`
            : describeMedia(decodeInternal(InferenceRequestSchema, r.value!));
        rows.push({ post: key, topic: r.topic, outcome, latency: `${Date.now() - t0} ms` });
        if (rows.length === started.size) done();
      },
    });
    await reader.start();
    const timeout = setTimeout(() => done(), 90_000);
    await all;
    clearTimeout(timeout);
    await reader.stop();
    console.table(rows);
    if (rows.length !== started.size) {
      console.error(`demo: only ${rows.length} of ${started.size} posts came out`);
      process.exitCode = 1;
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
