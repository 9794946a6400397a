import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchConsumer,
  DLQ_HEADERS,
  RecordProducer,
  TopicAdmin,
  publishDeadLetter,
  type IncomingRecord,
  type KafkaSettings,
} from '../src';
import { startTestBroker, uniqueName, type TestBroker } from '../src/testing';

let broker: TestBroker;
let settings: KafkaSettings;
let admin: TopicAdmin;
const topics: string[] = [];

async function freshTopic(partitions = 1): Promise<string> {
  const name = uniqueName('test.kafka');
  topics.push(name, `${name}.dlq`);
  await admin.ensureTopics([
    { name, partitions, retentionMs: 3_600_000, maxMessageBytes: 1_048_576 },
    { name: `${name}.dlq`, partitions: 1, retentionMs: 3_600_000, maxMessageBytes: 1_048_576 },
  ]);
  return name;
}

/** Collects `count` records from `topic` with a throw-away group, from the beginning. */
async function readAll(topic: string, count: number): Promise<IncomingRecord[]> {
  const seen: IncomingRecord[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const reader = new BatchConsumer(settings, {
    groupId: uniqueName('reader'),
    topics: [topic],
    eachRecord: async (r) => {
      seen.push(r);
      if (seen.length >= count) done();
    },
  });
  await reader.start();
  await Promise.race([
    finished,
    new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 20_000)),
  ]);
  await reader.stop();
  return seen;
}

beforeAll(async () => {
  broker = await startTestBroker();
  settings = broker.settings('vigil-kafka-test');
  admin = new TopicAdmin(settings);
});

afterAll(async () => {
  await admin.deleteTopics(topics);
  await broker.stop();
});

describe('TopicAdmin', () => {
  it('creates missing topics once and leaves existing ones alone', async () => {
    const name = uniqueName('test.admin');
    topics.push(name);
    const spec = { name, partitions: 3, retentionMs: 60_000, maxMessageBytes: 2_000_000 };
    expect(await admin.ensureTopics([spec])).toEqual([name]);
    expect(await admin.ensureTopics([spec])).toEqual([]);
    expect(await admin.brokerCount()).toBeGreaterThanOrEqual(1);
  });
});

describe('BatchConsumer', () => {
  it('delivers records in offset order per key and commits only what the handler finished', async () => {
    const topic = await freshTopic();
    const producer = new RecordProducer(settings);
    await producer.send(
      topic,
      Array.from({ length: 10 }, (_, i) => ({
        key: 'tenant:post',
        value: `m${i}`,
        headers: { i: String(i) },
      })),
    );

    const groupId = uniqueName('group');
    const handled: string[] = [];
    let stopAt!: () => void;
    const reachedFive = new Promise<void>((r) => (stopAt = r));
    const consumer = new BatchConsumer(settings, {
      groupId,
      topics: [topic],
      eachRecord: async (r) => {
        handled.push(r.value!.toString());
        expect(r.headers.i).toBe(String(handled.length - 1));
        if (handled.length === 5) {
          stopAt();
          // Stay busy while stop() is requested: the in-flight record must finish and be committed.
          await new Promise((res) => setTimeout(res, 300));
        }
      },
    });
    await consumer.start();
    await reachedFive;
    await consumer.stop();

    expect(handled.slice(0, 5)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    const committed = await admin.committedOffsets(groupId, topic);
    expect(committed.get(0)).toBe(String(handled.length));

    // A new member of the same group resumes exactly after the committed offset.
    const rest: string[] = [];
    let finish!: () => void;
    const allDone = new Promise<void>((r) => (finish = r));
    const second = new BatchConsumer(settings, {
      groupId,
      topics: [topic],
      eachRecord: async (r) => {
        rest.push(r.value!.toString());
        if (handled.length + rest.length === 10) finish();
      },
    });
    await second.start();
    await allDone;
    await second.stop();
    expect([...handled, ...rest]).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    await producer.disconnect();
  });

  it('keeps heartbeating through a handler slower than the session timeout', async () => {
    const topic = await freshTopic();
    const producer = new RecordProducer(settings);
    await producer.send(topic, [{ key: 'k', value: 'slow' }]);
    const groupId = uniqueName('group');
    let calls = 0;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const consumer = new BatchConsumer(settings, {
      groupId,
      topics: [topic],
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      eachRecord: async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 9_000));
        done();
      },
    });
    await consumer.start();
    await finished;
    await consumer.stop();
    expect(calls).toBe(1);
    expect((await admin.committedOffsets(groupId, topic)).get(0)).toBe('1');
    await producer.disconnect();
  });

  it('hands a whole partition batch to eachBatch and commits past its last offset', async () => {
    const topic = await freshTopic();
    const producer = new RecordProducer(settings);
    await producer.send(
      topic,
      Array.from({ length: 20 }, (_, i) => ({ key: null, value: `b${i}` })),
    );
    const groupId = uniqueName('group');
    const sizes: number[] = [];
    let total = 0;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const consumer = new BatchConsumer(settings, {
      groupId,
      topics: [topic],
      eachBatch: async (records) => {
        sizes.push(records.length);
        total += records.length;
        if (total === 20) done();
      },
    });
    await consumer.start();
    await finished;
    await consumer.stop();
    expect(sizes.length).toBeLessThan(20);
    expect((await admin.committedOffsets(groupId, topic)).get(0)).toBe('20');
    await producer.disconnect();
  });

  it('pause() stops fetching without leaving the group; resume() picks up where it stopped', async () => {
    const topic = await freshTopic();
    const producer = new RecordProducer(settings);
    const groupId = uniqueName('group');
    const handled: string[] = [];
    let wake: () => void = () => {};
    const waitFor = (n: number) =>
      new Promise<void>((resolve) => {
        wake = () => handled.length >= n && resolve();
        wake();
      });
    const consumer = new BatchConsumer(settings, {
      groupId,
      topics: [topic],
      eachRecord: async (r) => {
        handled.push(r.value!.toString());
        wake();
      },
    });
    consumer.pause(); // before start: a no-op
    expect(consumer.isPaused).toBe(false);
    await consumer.start();
    await producer.send(topic, [{ key: 'k', value: 'before' }]);
    await waitFor(1);

    consumer.pause();
    expect(consumer.isPaused).toBe(true);
    await producer.send(topic, [
      { key: 'k', value: 'during-1' },
      { key: 'k', value: 'during-2' },
    ]);
    // Three fetch cycles (maxWaitTime is 1 s): nothing may arrive while paused.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(handled).toEqual(['before']);

    consumer.resume();
    expect(consumer.isPaused).toBe(false);
    await waitFor(3);
    await consumer.stop();
    expect(handled).toEqual(['before', 'during-1', 'during-2']);
    expect((await admin.committedOffsets(groupId, topic)).get(0)).toBe('3');
    await producer.disconnect();
  });
});

describe('publishDeadLetter', () => {
  it('keeps the original bytes and names the error and origin in headers', async () => {
    const topic = await freshTopic();
    const producer = new RecordProducer(settings);
    const original: IncomingRecord = {
      topic,
      partition: 0,
      offset: '41',
      key: Buffer.from('acme:p1'),
      value: Buffer.from('{not json'),
      headers: { traceparent: '00-abc-def-01' },
      timestamp: '0',
    };
    await publishDeadLetter(producer, original, { code: 'POST_NOT_JSON', message: 'Unexpected token n' });
    const [dead] = await readAll(`${topic}.dlq`, 1);
    expect(dead!.value!.toString()).toBe('{not json');
    expect(dead!.key!.toString()).toBe('acme:p1');
    expect(dead!.headers[DLQ_HEADERS.errorCode]).toBe('POST_NOT_JSON');
    expect(dead!.headers[DLQ_HEADERS.errorMessage]).toBe('Unexpected token n');
    expect(dead!.headers[DLQ_HEADERS.originTopic]).toBe(topic);
    expect(dead!.headers[DLQ_HEADERS.originPartition]).toBe('0');
    expect(dead!.headers[DLQ_HEADERS.originOffset]).toBe('41');
    expect(dead!.headers.traceparent).toBe('00-abc-def-01');
    await producer.disconnect();
  });
});
