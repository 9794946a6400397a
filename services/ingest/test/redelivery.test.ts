/**
 * At-least-once across a crash: an ingest process is killed (SIGKILL, no shutdown hooks) while posts
 * are in flight, a new one takes over the partitions, and every revision still yields a request —
 * exactly once or as duplicates that carry the same idempotency key.
 * Runs the built service (`dist/`) as a child process, as production does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  decodeInternal,
  InferenceRequestSchema,
  TOPICS,
  topicName,
  topicsWithPrefix,
} from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { freePort, ServiceProcess } from '@vigil/platform/testing';
import { makeMediaFixtures, startMediaServer, type MediaServer } from '@vigil/media/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TopicCollector, writeTestBundle } from './support';

const ROOT = resolve(__dirname, '..', '..', '..');
const PHOTOS = join(ROOT, '.data', 'photos');

let broker: TestBroker;
let server: MediaServer;
let workDir: string;
let bundleDir: string;
const children: ServiceProcess[] = [];
const prefix = `${uniqueName('redeliver')}.`;
const groupId = uniqueName('ingest');
const settings = () => broker.settings('redelivery-test');

/** Starts `node services/ingest/dist/main.js` in this test's group; resolves once /readyz answers 200. */
async function startIngest(): Promise<ServiceProcess> {
  const service = new ServiceProcess({
    name: 'ingest',
    entry: join(ROOT, 'services', 'ingest', 'dist', 'main.js'),
    cwd: ROOT,
    port: await freePort(),
    env: {
      ...broker.env(),
      KAFKA_TOPIC_PREFIX: prefix,
      INGEST_GROUP_ID: groupId,
      INGEST_SESSION_TIMEOUT_MS: '6000',
      INGEST_PARTITIONS_CONCURRENCY: '6',
      VIGIL_BUNDLE_DIR: bundleDir,
      INGEST_MEDIA_ALLOW: '127.0.0.1',
      INGEST_TMP_DIR: workDir,
      REQUEST_BINDING_KEYS: `it:${Buffer.alloc(32, 3).toString('base64')}`,
      LOG_LEVEL: 'warn',
    },
    logFile: join(workDir, `ingest-${children.length}.log`),
  });
  children.push(service);
  await service.start({}, 60_000);
  return service;
}

beforeAll(async () => {
  // The service runs from dist/ (NestJS needs the decorator metadata tsc emits); turbo skips what is built.
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@vigil/ingest', '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 300_000,
  });
  broker = await startTestBroker();
  workDir = mkdtempSync(join(tmpdir(), 'vigil-redelivery-'));
  bundleDir = writeTestBundle(join(workDir, 'bundle'));
  server = await startMediaServer(await makeMediaFixtures(workDir, PHOTOS));
  await new TopicAdmin(settings()).ensureTopics(topicsWithPrefix(prefix));
}, 420_000);

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await server?.close();
  await new TopicAdmin(settings()).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
  rmSync(workDir, { recursive: true, force: true });
  await broker?.stop();
});

describe('redelivery after a crash', () => {
  it('every revision yields a request; duplicates carry the same idempotency key', async () => {
    // 12 posts (3 of them edited twice more) with one slow image each: a second per post and partition.
    const revisions = Array.from({ length: 12 }, (_, i) => ({ postId: `p${i}`, revision: 1 }));
    for (const postId of ['p0', 'p1', 'p2']) revisions.push({ postId, revision: 2 }, { postId, revision: 3 });
    const producer = new RecordProducer(settings());
    await producer.send(
      topicName(TOPICS.posts, prefix),
      revisions.map(({ postId, revision }) => ({
        key: `acme:${postId}`,
        value: JSON.stringify({
          schema_version: 1,
          post_id: postId,
          tenant_id: 'acme',
          revision,
          created_at: '2025-06-01T12:00:00Z',
          author: 'a',
          media: [
            { media_id: 'img', kind: 'image', source: { url: `${server.origin}/slow/1000/rocket.jpg` } },
          ],
        }),
      })),
    );
    await producer.disconnect();
    const expected = new Set(revisions.map((r) => `acme:${r.postId}:${r.revision}`));

    const collector = new TopicCollector(settings(), [topicName(TOPICS.inferenceRequests, prefix)]);
    await collector.start();
    const ids = () =>
      collector.records.map((r) => decodeInternal(InferenceRequestSchema, r.value!).request_id);
    try {
      const first = await startIngest();
      await collector.waitFor(() => true, 3, 120_000);
      await first.kill('SIGKILL');
      const beforeCrash = new Set(ids()).size;
      expect(beforeCrash).toBeLessThan(expected.size); // killed mid-way, not after the fact

      const second = await startIngest();
      await collector.waitUntil(() => new Set(ids()).size === expected.size, 120_000);
      await second.kill('SIGTERM');
    } finally {
      await collector.stop();
    }

    expect(new Set(ids())).toEqual(expected);
    for (const record of collector.records) {
      const request = decodeInternal(InferenceRequestSchema, record.value!);
      // The idempotency key is a function of the revision: a duplicate can only repeat it.
      expect(request.request_id).toBe(`${request.tenant_id}:${request.post_id}:${request.revision}`);
      expect(record.key!.toString()).toBe(`acme:${request.post_id}`);
    }
    // Revisions of one post stay in order (first appearance of each).
    for (const postId of ['p0', 'p1', 'p2']) {
      const order = [...new Set(ids().filter((id) => id.startsWith(`acme:${postId}:`)))];
      expect(order).toEqual([1, 2, 3].map((r) => `acme:${postId}:${r}`));
    }
    // Every input offset is committed once the survivor stopped.
    const committed = await new TopicAdmin(settings()).committedOffsets(
      groupId,
      topicName(TOPICS.posts, prefix),
    );
    const total = [...committed.values()].reduce((sum, o) => sum + Math.max(0, Number(o)), 0);
    expect(total).toBe(revisions.length);
    console.log(
      `redelivery: ${collector.records.length} requests for ${expected.size} revisions ` +
        `(${collector.records.length - expected.size} duplicates after SIGKILL)`,
    );
  }, 300_000);
});
