/**
 * Test harness for a real Kafka broker, in one place.
 *
 * 1. `KAFKA_BROKERS` set (CI and `npm run kafka:start` here): use that broker.
 * 2. Unset, and a Docker engine answers: start one with `@testcontainers/kafka` (KRaft), so a
 *    contributor with Docker needs no Java.
 * 3. Neither: fail with a message saying how to get a broker.
 *
 * Credentials (the broker's administrator, a super user, so tests may create their own topics and groups):
 * `KAFKA_SASL_MECHANISM`/`KAFKA_SASL_USERNAME`/`KAFKA_SASL_PASSWORD` when set, else the local broker's
 * credentials file (infra/kafka/start.sh writes it; `localCredentialsFile`) when it names the same
 * brokers, else none (a PLAINTEXT broker, as the container is).
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readLocalCredentials, saslEnv, type LocalKafkaCredentials } from '../credentials';
import { parseBrokers, type KafkaSettings, type SaslCredentials, type SaslMechanism } from '../records';

export interface TestBroker {
  readonly brokers: string[];
  /** The administrator's credentials; undefined for an unauthenticated broker. */
  readonly sasl: SaslCredentials | undefined;
  /** Every principal of the local broker's credentials file, by user name; empty when there is none. */
  readonly principals: Readonly<Record<string, SaslCredentials>>;
  /** Connection settings as the administrator. */
  settings(clientId: string): KafkaSettings;
  /** `KAFKA_BROKERS` and `KAFKA_SASL_*` for a service under test, as the administrator or `principal`. */
  env(principal?: string): Record<string, string>;
  /** Stops the container where one was started; a no-op for a broker named by `KAFKA_BROKERS`. */
  stop(): Promise<void>;
}

/** Confluent's image is the one `@testcontainers/kafka` configures for KRaft. */
const CONTAINER_IMAGE = 'confluentinc/cp-kafka:7.9.0';

function dockerAvailable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/** The local credentials file when it describes `brokers`. */
function localCredentialsFor(brokers: readonly string[]): LocalKafkaCredentials | undefined {
  const local = readLocalCredentials();
  return local && parseBrokers(local.brokers).join(',') === brokers.join(',') ? local : undefined;
}

/** The administrator's credentials for `brokers` (see the module comment). */
export function testBrokerCredentials(brokers: readonly string[]): SaslCredentials | undefined {
  const { KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD } = process.env;
  if (KAFKA_SASL_MECHANISM && KAFKA_SASL_USERNAME && KAFKA_SASL_PASSWORD !== undefined)
    return {
      mechanism: KAFKA_SASL_MECHANISM.toLowerCase() as SaslMechanism,
      username: KAFKA_SASL_USERNAME,
      password: KAFKA_SASL_PASSWORD,
    };
  return localCredentialsFor(brokers)?.principals.admin;
}

/** A TestBroker over `brokers` with the credentials found for them. */
export function testBroker(brokers: string[], stop: () => Promise<void> = async () => {}): TestBroker {
  const sasl = testBrokerCredentials(brokers);
  const principals = localCredentialsFor(brokers)?.principals ?? {};
  return {
    brokers,
    sasl,
    principals,
    stop,
    settings: (clientId) => ({ brokers, clientId, ...(sasl ? { sasl } : {}) }),
    env: (principal) => {
      const who = principal === undefined ? sasl : principals[principal];
      if (principal !== undefined && !who)
        throw new Error(`no credentials for Kafka principal ${principal} (local credentials file missing?)`);
      return { KAFKA_BROKERS: brokers.join(','), ...saslEnv(who) };
    },
  };
}

/**
 * Returns a broker for integration tests.
 * @throws Error when `KAFKA_BROKERS` is unset and no Docker engine is reachable.
 */
export async function startTestBroker(): Promise<TestBroker> {
  const fromEnv = parseBrokers(process.env.KAFKA_BROKERS ?? '');
  if (fromEnv.length > 0) return testBroker(fromEnv);
  if (!dockerAvailable()) {
    throw new Error(
      'No Kafka broker for tests: set KAFKA_BROKERS (run `npm run kafka:start`, then KAFKA_BROKERS=127.0.0.1:9092) ' +
        'or start a Docker engine so @testcontainers/kafka can run one.',
    );
  }
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(CONTAINER_IMAGE).withKraft().start();
  return testBroker([`${container.getHost()}:${container.getMappedPort(9093)}`], async () => {
    await container.stop();
  });
}

/** A name no other test run uses, for topics and consumer groups: `prefix.<8 hex>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}
