/**
 * The built worker (`dist/main.js`) as a child process, as production runs it: start-up refusal of an
 * unusable execution provider, and at-least-once delivery across a SIGKILL in the middle of a batch.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeModelOf } from '../src/classifier-runtime';
import { cudaUnavailableReason } from '../src/execution-provider';
import { BUNDLE_DIR, photoMedia, request, ROOT, TopicCollector } from './support';

let broker: TestBroker;
const children: ChildProcess[] = [];
const prefix = `${uniqueName('restart')}.`;
const groupId = uniqueName('classifier');
const settings = () => ({ brokers: broker.brokers, clientId: 'worker-process-test' });

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

function spawnWorker(env: Record<string, string>): {
  child: ChildProcess;
  stderr: () => string;
  port: number;
} {
  const port = Number(env.HTTP_PORT);
  const child = spawn(process.execPath, ['services/classifier/dist/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      VIGIL_BUNDLE_DIR: BUNDLE_DIR,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // No hash banks here (the test environment's DATABASE_URL has no bank tables in `public`).
      DATABASE_URL: '',
      ...env,
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  children.push(child);
  return { child, stderr: () => stderr, port };
}

/** Starts a worker in this test's group; resolves once /readyz answers 200 (models loaded, consumer running). */
async function startWorker(): Promise<ChildProcess> {
  const { child, stderr, port } = spawnWorker({
    CLASSIFIER_GROUP_ID: groupId,
    CLASSIFIER_SESSION_TIMEOUT_MS: '6000',
    CLASSIFIER_MAX_BATCH_SIZE: '2',
    VIGIL_EXECUTION_PROVIDER: 'cpu',
    HTTP_PORT: String(await freePort()),
  });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}: ${stderr().slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`worker not ready after 60 s: ${stderr().slice(-2000)}`);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

beforeAll(async () => {
  // The service runs from dist/ (NestJS needs the decorator metadata tsc emits); turbo skips what is built.
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@vigil/classifier', '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 300_000,
  });
  broker = await startTestBroker();
  await new TopicAdmin(settings()).ensureTopics(topicsWithPrefix(prefix));
}, 420_000);

afterAll(async () => {
  for (const child of children) await stopChild(child, 'SIGKILL');
  await new TopicAdmin(settings()).deleteTopics(topicsWithPrefix(prefix).map((t) => t.name));
  await broker?.stop();
});

describe('classifier worker process', () => {
  it('VIGIL_EXECUTION_PROVIDER=cuda on a machine without CUDA exits at start naming the cause', async () => {
    const reason = await cudaUnavailableReason(probeModelOf(BUNDLE_DIR));
    if (reason === undefined) return; // a CUDA host: nothing to refuse
    const { child, stderr } = spawnWorker({
      VIGIL_EXECUTION_PROVIDER: 'cuda',
      CLASSIFIER_GROUP_ID: uniqueName('cuda'),
      HTTP_PORT: String(await freePort()),
    });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
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
      await stopChild(first, 'SIGKILL'); // no shutdown hooks: whatever was not committed is redelivered
      const beforeCrash = ids().size;
      expect(beforeCrash).toBeLessThan(expected.size); // killed mid-way, not after the fact

      const second = await startWorker();
      await collector.waitUntil(() => ids().size === expected.size, 180_000);
      await stopChild(second, 'SIGTERM');
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
