/**
 * The built worker (`dist/main.js`) as a child process, as production runs it: start-up refusal of an
 * unusable execution provider, and at-least-once delivery across a SIGKILL in the middle of a batch.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeInternal,
  encodeInternal,
  InferenceResultSchema,
  internalHeaders,
  TOPICS,
  topicName,
  topicsWithPrefix,
} from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { freePort, ServiceProcess } from '@vigil/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeModelOf } from '../src/classifier-runtime';
import { cudaUnavailableReason } from '../src/execution-provider';
import { BUNDLE_DIR, photoMedia, request, ROOT, TopicCollector } from './support';

let broker: TestBroker;
let logDir: string;
const children: ServiceProcess[] = [];
const prefix = `${uniqueName('restart')}.`;
const groupId = uniqueName('classifier');
const settings = () => broker.settings('worker-process-test');

/** A worker process over this test's broker and topics, `env` on top; not started yet. */
async function worker(env: Record<string, string>): Promise<ServiceProcess> {
  const service = new ServiceProcess({
    name: 'classifier',
    entry: join(ROOT, 'services', 'classifier', 'dist', 'main.js'),
    cwd: ROOT,
    port: await freePort(),
    env: {
      ...broker.env(),
      KAFKA_TOPIC_PREFIX: prefix,
      VIGIL_BUNDLE_DIR: BUNDLE_DIR,
      LOG_LEVEL: 'warn',
      // No hash banks here (the test environment's DATABASE_URL has no bank tables in `public`).
      DATABASE_URL: '',
      ...env,
    },
    logFile: join(logDir, `worker-${children.length}.log`),
  });
  children.push(service);
  return service;
}

/** Starts a worker in this test's group; resolves once /readyz answers 200 (models loaded, consumer running). */
async function startWorker(): Promise<ServiceProcess> {
  const service = await worker({
    CLASSIFIER_GROUP_ID: groupId,
    CLASSIFIER_SESSION_TIMEOUT_MS: '6000',
    CLASSIFIER_MAX_BATCH_SIZE: '2',
    VIGIL_EXECUTION_PROVIDER: 'cpu',
  });
  await service.start({}, 60_000);
  return service;
}

beforeAll(async () => {
  // The service runs from dist/ (NestJS needs the decorator metadata tsc emits); turbo skips what is built.
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@vigil/classifier', '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 300_000,
  });
  broker = await startTestBroker();
  logDir = mkdtempSync(join(tmpdir(), 'vigil-worker-process-'));
  await new TopicAdmin(settings()).ensureTopics(topicsWithPrefix(prefix));
}, 420_000);

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await new TopicAdmin(settings()).deleteTopics(topicsWithPrefix(prefix).map((t) => t.name));
  await broker?.stop();
});

describe('classifier worker process', () => {
  it('VIGIL_EXECUTION_PROVIDER=cuda on a machine without CUDA exits at start naming the cause', async () => {
    const reason = await cudaUnavailableReason(probeModelOf(BUNDLE_DIR));
    if (reason === undefined) return; // a CUDA host: nothing to refuse
    const child = await worker({ VIGIL_EXECUTION_PROVIDER: 'cuda', CLASSIFIER_GROUP_ID: uniqueName('cuda') });
    child.spawn();
    const code = await child.exit();
    const stderr = () => child.log();
    expect(code).toBe(78); // EX_CONFIG, before anything connects or loads
    expect(stderr()).toContain(
      'classifier: invalid configuration: VIGIL_EXECUTION_PROVIDER: the CUDA execution provider cannot be used:',
    );
    expect(stderr()).toContain('Failed to load shared library');
    expect(stderr()).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12');
  });

  it('restart mid-batch: nothing is lost and duplicates carry the same idempotency key', async () => {
    const photo = await photoMedia('rocket.jpg');
    const requests = Array.from({ length: 48 }, (_, i) =>
      request(
        `r${i}`,
        `post number ${i}: ${i % 2 ? 'see you at the launch' : 'I will hurt you'}`,
        i % 4 ? [] : [photo],
      ),
    );
    const producer = new RecordProducer(settings());
    await producer.send(
      topicName(TOPICS.inferenceRequests, prefix),
      requests.map((r) => ({
        key: `acme:${r.post_id}`,
        value: encodeInternal(r),
        headers: internalHeaders('inference-request.v1'),
      })),
    );
    await producer.disconnect();
    const expected = new Set(requests.map((r) => r.request_id));

    const collector = new TopicCollector(settings(), [topicName(TOPICS.inferenceResults, prefix)]);
    await collector.start();
    const decoded = () => collector.records.map((r) => decodeInternal(InferenceResultSchema, r.value!));
    const ids = () => new Set(decoded().map((r) => r.request_id));
    try {
      const first = await startWorker();
      await collector.waitUntil(() => collector.records.length >= 1, 120_000);
      await first.kill('SIGKILL'); // no shutdown hooks: whatever was not committed is redelivered
      const beforeCrash = ids().size;
      expect(beforeCrash).toBeLessThan(expected.size); // killed mid-way, not after the fact

      const second = await startWorker();
      await collector.waitUntil(() => ids().size === expected.size, 180_000);
      await second.kill('SIGTERM');
    } finally {
      await collector.stop();
    }

    expect(ids()).toEqual(expected);
    const byId = new Map<string, ReturnType<typeof decoded>>();
    for (const r of decoded()) byId.set(r.request_id, [...(byId.get(r.request_id) ?? []), r]);
    for (const [id, copies] of byId) {
      // The idempotency key is the revision's: a duplicate repeats it, with the same post and content.
      for (const r of copies) {
        expect(r.request_id).toBe(`${r.tenant_id}:${r.post_id}:${r.revision}`);
        expect([r.caption.text, r.status, r.bundle]).toEqual([
          copies[0]!.caption.text,
          'ok',
          copies[0]!.bundle,
        ]);
      }
      expect(id).toBe(copies[0]!.request_id);
    }
    // Every input offset is committed once the survivor stopped.
    const committed = await new TopicAdmin(settings()).committedOffsets(
      groupId,
      topicName(TOPICS.inferenceRequests, prefix),
    );
    expect([...committed.values()].reduce((sum, o) => sum + Math.max(0, Number(o)), 0)).toBe(requests.length);
    console.log(
      `restart: ${collector.records.length} results for ${expected.size} requests ` +
        `(${collector.records.length - expected.size} duplicates after SIGKILL)`,
    );
  }, 400_000);
});
