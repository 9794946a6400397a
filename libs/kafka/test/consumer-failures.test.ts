/**
 * The runner's failure rules on a real broker: a record whose handler throws never crashes the consumer
 * and never blocks its partition. Unknown errors are retried up to the budget, permanent ones go to the
 * DLQ at once, transient ones are retried until they pass; the records behind a poison one are handled.
 */
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BatchConsumer,
  BrokerProbe,
  DLQ_HEADERS,
  RecordProducer,
  TopicAdmin,
  type BatchConsumerOptions,
  type IncomingRecord,
  type KafkaSettings,
} from '../src';
import { startTestBroker, uniqueName, type TestBroker } from '../src/testing';

let broker: TestBroker;
let settings: KafkaSettings;
let admin: TopicAdmin;
let producer: RecordProducer;
const topics: string[] = [];

async function freshTopic(): Promise<string> {
  const name = uniqueName('test.runner');
  topics.push(name, `${name}.dlq`);
  const spec = { partitions: 1, retentionMs: 3_600_000, maxMessageBytes: 1_048_576 };
  await admin.ensureTopics([
    { name, ...spec },
    { name: `${name}.dlq`, ...spec },
  ]);
  return name;
}

/** Reads `count` records of `topic` from the beginning with a throw-away group. */
async function readAll(topic: string, count: number): Promise<IncomingRecord[]> {
  const seen: IncomingRecord[] = [];
  const reader = new BatchConsumer(settings, {
    groupId: uniqueName('reader'),
    topics: [topic],
    eachRecord: async (r) => void seen.push(r),
  });
  await reader.start();
  await until(() => seen.length >= count, `${count} records on ${topic}`);
  await reader.stop();
  return seen;
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Publishes `values` (one partition, in order), runs a runner until `done`, stops it. */
async function run(
  values: string[],
  options: Omit<BatchConsumerOptions, 'groupId' | 'topics'>,
  done: () => boolean,
): Promise<{ topic: string; groupId: string }> {
  const topic = await freshTopic();
  await producer.send(
    topic,
    values.map((value) => ({ key: 'k', value })),
  );
  const groupId = uniqueName('group');
  const crashes: Error[] = [];
  const consumer = new BatchConsumer(settings, {
    groupId,
    topics: [topic],
    logger: { warn: () => {}, error: () => {} },
    onCrash: (e) => crashes.push(e),
    ...options,
  });
  await consumer.start();
  await until(done, 'handler to finish');
  await consumer.stop();
  expect(crashes).toEqual([]);
  return { topic, groupId };
}

const fast = { initialDelayMs: 10, maxDelayMs: 50 };

beforeAll(async () => {
  broker = await startTestBroker();
  settings = broker.settings('vigil-runner-test');
  admin = new TopicAdmin(settings);
  producer = new RecordProducer(settings);
});

afterAll(async () => {
  await producer.disconnect();
  await admin.deleteTopics(topics);
  await broker.stop();
});

describe('BatchConsumer failure rules', () => {
  it('dead-letters a record whose handler throws an unknown error after the retry budget, and moves on', async () => {
    const tries = new Map<string, number>();
    const handled: string[] = [];
    const metrics = new Registry();
    const { topic, groupId } = await run(
      ['ok-1', 'poison', 'ok-2'],
      {
        deadLetter: { producer, retry: { maxAttempts: 3, ...fast } },
        metrics,
        eachRecord: async (r) => {
          const v = r.value!.toString();
          tries.set(v, (tries.get(v) ?? 0) + 1);
          if (v === 'poison') throw new RangeError('Maximum call stack size exceeded');
          handled.push(v);
        },
      },
      () => handled.length === 2,
    );
    expect(handled).toEqual(['ok-1', 'ok-2']);
    expect(tries.get('poison')).toBe(3);
    expect((await admin.committedOffsets(groupId, topic)).get(0)).toBe('3');
    const [dead] = await readAll(`${topic}.dlq`, 1);
    expect(dead!.value!.toString()).toBe('poison');
    expect(dead!.headers[DLQ_HEADERS.errorCode]).toBe('RETRIES_EXHAUSTED');
    expect(dead!.headers[DLQ_HEADERS.errorMessage]).toContain('RangeError: Maximum call stack size exceeded');
    expect(dead!.headers[DLQ_HEADERS.originOffset]).toBe('1');
    const text = await metrics.metrics();
    expect(text).toContain(
      `vigil_kafka_dead_letters_total{group="${groupId}",topic="${topic}",code="RETRIES_EXHAUSTED"} 1`,
    );
    expect(text).toContain(
      `vigil_kafka_handler_retries_total{group="${groupId}",topic="${topic}",kind="unknown"} 2`,
    );
  });

  it('dead-letters a permanent failure at the first try, with the reason the service gave', async () => {
    let tries = 0;
    const handled: string[] = [];
    const { topic } = await run(
      ['bad', 'good'],
      {
        deadLetter: {
          producer,
          classify: (e) => ({ code: 'RESULT_DATA_INVALID', message: (e as Error).message }),
          retry: fast,
        },
        eachRecord: async (r) => {
          const v = r.value!.toString();
          if (v === 'bad') {
            tries++;
            throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
          }
          handled.push(v);
        },
      },
      () => handled.length === 1,
    );
    expect(tries).toBe(1);
    const [dead] = await readAll(`${topic}.dlq`, 1);
    expect(dead!.headers[DLQ_HEADERS.errorCode]).toBe('RESULT_DATA_INVALID');
    expect(dead!.headers[DLQ_HEADERS.errorMessage]).toContain('0x00');
  });

  it('retries a transient failure past the unknown-error budget until it passes, then commits once', async () => {
    let tries = 0;
    const handled: string[] = [];
    const { topic, groupId } = await run(
      ['flaky'],
      {
        deadLetter: { producer, classify: () => 'transient', retry: { maxAttempts: 2, ...fast } },
        eachRecord: async (r) => {
          if (++tries < 6) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          handled.push(r.value!.toString());
        },
      },
      () => handled.length === 1,
    );
    expect(tries).toBe(6);
    expect(handled).toEqual(['flaky']);
    expect((await admin.committedOffsets(groupId, topic)).get(0)).toBe('1');
  });

  it('handles a batch concurrently; one poison record is dead-lettered alone, the others commit', async () => {
    const handled = new Set<string>();
    let poisonTries = 0;
    const values = Array.from({ length: 12 }, (_, i) => (i === 4 ? 'poison' : `r${i}`));
    const { topic, groupId } = await run(
      values,
      {
        recordsConcurrently: true,
        deadLetter: { producer, retry: { maxAttempts: 2, ...fast } },
        eachRecord: async (r) => {
          const v = r.value!.toString();
          await new Promise((res) => setTimeout(res, 20));
          if (v === 'poison' && ++poisonTries > 0)
            throw new TypeError("Cannot read properties of undefined (reading 'scores')");
          handled.add(v);
        },
      },
      () => handled.size === 11 && poisonTries === 2,
    );
    expect((await admin.committedOffsets(groupId, topic)).get(0)).toBe('12');
    const dead = await readAll(`${topic}.dlq`, 1);
    expect(dead.map((d) => d.value!.toString())).toEqual(['poison']);
  });
});

describe('BrokerProbe', () => {
  it('asks the cluster once per cache period however often readiness is polled', async () => {
    const spy = vi.spyOn(TopicAdmin.prototype, 'brokerCount');
    const probe = new BrokerProbe(settings);
    const answers = await Promise.all(Array.from({ length: 20 }, () => probe.get(60_000)));
    for (let i = 0; i < 10; i++) answers.push(await probe.get(60_000));
    expect(new Set(answers)).toEqual(new Set([answers[0]]));
    expect(answers[0]).toBeGreaterThanOrEqual(1);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
