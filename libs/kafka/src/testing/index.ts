/**
 * Test harness for a real Kafka broker, in one place.
 *
 * 1. `KAFKA_BROKERS` set (CI and `npm run kafka:start` here): use that broker.
 * 2. Unset, and a Docker engine answers: start one with `@testcontainers/kafka` (KRaft), so a
 *    contributor with Docker needs no Java.
 * 3. Neither: fail with a message saying how to get a broker.
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseBrokers } from '../records';

export interface TestBroker {
  readonly brokers: string[];
  /** Stops the container where one was started; a no-op for a broker named by `KAFKA_BROKERS`. */
  stop(): Promise<void>;
}

/** Confluent's image is the one `@testcontainers/kafka` configures for KRaft. */
const CONTAINER_IMAGE = 'confluentinc/cp-kafka:7.9.0';

function dockerAvailable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/**
 * Returns a broker for integration tests.
 * @throws Error when `KAFKA_BROKERS` is unset and no Docker engine is reachable.
 */
export async function startTestBroker(): Promise<TestBroker> {
  const fromEnv = parseBrokers(process.env.KAFKA_BROKERS ?? '');
  if (fromEnv.length > 0) return { brokers: fromEnv, stop: async () => {} };
  if (!dockerAvailable()) {
    throw new Error(
      'No Kafka broker for tests: set KAFKA_BROKERS (run `npm run kafka:start`, then KAFKA_BROKERS=127.0.0.1:9092) ' +
        'or start a Docker engine so @testcontainers/kafka can run one.',
    );
  }
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(CONTAINER_IMAGE).withKraft().start();
  return {
    brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`],
    stop: async () => {
      await container.stop();
    },
  };
}

/** A name no other test run uses, for topics and consumer groups: `prefix.<8 hex>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}
