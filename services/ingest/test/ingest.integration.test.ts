import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TOPICS, topicName } from '@vigil/contracts';
import { BatchConsumer, DLQ_HEADERS, RecordProducer, TopicAdmin, type IncomingRecord } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { ConfigError, parseConfig } from '@vigil/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envSchema } from '../src/config';
import { IngestModule } from '../src/ingest.module';

let broker: TestBroker;
let app: INestApplication;
let baseUrl: string;
const prefix = `${uniqueName('it')}.`;
const settings = () => ({ brokers: broker.brokers, clientId: 'ingest-test' });

/** Reads records from a topic until `predicate` has matched `count` of them. */
async function collect(topic: string, count: number, predicate: (r: IncomingRecord) => boolean) {
  const found: IncomingRecord[] = [];
  let done!: () => void;
  const enough = new Promise<void>((r) => (done = r));
  const reader = new BatchConsumer(settings(), {
    groupId: uniqueName('reader'),
    topics: [topic],
    eachRecord: async (r) => {
      if (predicate(r)) found.push(r);
      if (found.length >= count) done();
    },
  });
  await reader.start();
  await Promise.race([
    enough,
    new Promise((_, rej) => setTimeout(() => rej(new Error(`timeout on ${topic}`)), 30_000)),
  ]);
  await reader.stop();
  return found;
}

beforeAll(async () => {
  broker = await startTestBroker();
  const config = parseConfig(envSchema, {
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    INGEST_GROUP_ID: uniqueName('ingest'),
    HTTP_PORT: '1',
    LOG_LEVEL: 'warn',
  });
  app = await NestFactory.create(IngestModule.forRoot(config), { logger: ['error'] });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
});

afterAll(async () => {
  await app?.close();
  await new TopicAdmin(settings()).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
  await broker?.stop();
});

describe('ingest service wiring', () => {
  it('consumes a post and produces an inference request keyed by tenant:post', async () => {
    const producer = new RecordProducer(settings());
    const post = { tenant_id: 'acme', post_id: uniqueName('post'), revision: 1, text: 'hello' };
    await producer.send(topicName(TOPICS.posts, prefix), [
      {
        key: `acme:${post.post_id}`,
        value: JSON.stringify(post),
        headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      },
    ]);
    await producer.disconnect();

    const [request] = await collect(
      topicName(TOPICS.inferenceRequests, prefix),
      1,
      (r) => r.key?.toString() === `acme:${post.post_id}`,
    );
    const body = JSON.parse(request!.value!.toString());
    expect(body).toMatchObject({ schema_version: 1, post_key: `acme:${post.post_id}`, post });
    expect(request!.headers.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('dead-letters a message that is not JSON and keeps consuming', async () => {
    const producer = new RecordProducer(settings());
    const follower = uniqueName('after-poison');
    await producer.send(topicName(TOPICS.posts, prefix), [
      { key: 'acme:poison', value: '{"tenant_id": "acme", oops' },
      { key: `acme:${follower}`, value: JSON.stringify({ tenant_id: 'acme', post_id: follower }) },
    ]);
    await producer.disconnect();

    const [dead] = await collect(
      topicName(TOPICS.postsDlq, prefix),
      1,
      (r) => r.key?.toString() === 'acme:poison',
    );
    expect(dead!.headers[DLQ_HEADERS.errorCode]).toBe('POST_NOT_JSON');
    expect(dead!.headers[DLQ_HEADERS.originTopic]).toBe(topicName(TOPICS.posts, prefix));
    expect(dead!.value!.toString()).toBe('{"tenant_id": "acme", oops');
    const after = await collect(
      topicName(TOPICS.inferenceRequests, prefix),
      1,
      (r) => r.key?.toString() === `acme:${follower}`,
    );
    expect(after).toHaveLength(1);
  });

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
  });
});

describe('ingest config', () => {
  it('names every missing or malformed variable', () => {
    expect(() => parseConfig(envSchema, { HTTP_PORT: 'eighty' })).toThrowError(ConfigError);
    try {
      parseConfig(envSchema, { KAFKA_BROKERS: 'no-port', HTTP_PORT: 'eighty' });
    } catch (error) {
      const vars = (error as ConfigError).issues.map((i) => i.variable);
      expect(vars).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'HTTP_PORT']));
    }
  });
});
