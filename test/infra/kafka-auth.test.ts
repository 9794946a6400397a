/**
 * The broker decides who may write what (issue 19, forged results): against the test broker (the local
 * one, infra/kafka/start.sh: SASL/SCRAM-SHA-512, StandardAuthorizer, the ACLs of
 * libs/contracts/src/principals.ts), a client without credentials or with a wrong password is refused,
 * and each principal may produce to exactly the topics the table lets it write: only the classifier writes
 * inference results, only ingest writes inference requests, a platform only posts. Runs on its own topic
 * prefix, provisioned like the stack's (infra/kafka/provision.ts).
 */
import { KAFKA_PRINCIPALS, TOPICS, topicName, type KafkaPrincipal, type TopicKey } from '@vigil/contracts';
import { RecordProducer, TopicAdmin, type KafkaSettings, type SaslCredentials } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionKafka } from '../../infra/kafka/provision';

let broker: TestBroker;
const prefix = `${uniqueName('auth')}.`;
const topic = (key: TopicKey) => topicName(TOPICS[key], prefix);
const RECORD = { key: 't1:p1', value: 'forged' };

/** Settings that fail fast: one try, short timeouts. */
function settings(clientId: string, sasl?: SaslCredentials): KafkaSettings {
  return {
    brokers: broker.brokers,
    clientId,
    connectionTimeoutMs: 2000,
    requestTimeoutMs: 5000,
    retries: 0,
    ...(sasl ? { sasl } : {}),
  };
}

/** Every message of an error and its causes (kafkajs wraps the broker's error). */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (
    let e = error as
      { message?: string; type?: string; cause?: unknown; originalError?: unknown } | undefined;
    e;
  ) {
    parts.push(`${e.type ?? ''} ${e.message ?? ''}`);
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return parts.join(' | ');
}

/** Produces one record to `to` as `sasl`; resolves with the refusal's messages, or undefined when it was accepted. */
async function tryProduce(to: string, sasl: SaslCredentials | undefined): Promise<string | undefined> {
  // Not idempotent: kafkajs' idempotent producer needs retries, and this one must fail on the first refusal.
  const producer = new RecordProducer(settings('auth-test', sasl), { idempotent: false });
  try {
    await producer.send(to, [RECORD]);
    return undefined;
  } catch (error) {
    return messages(error);
  } finally {
    await producer.disconnect().catch(() => {});
  }
}

function principal(name: string): SaslCredentials {
  const credentials = broker.principals[name];
  if (!credentials)
    throw new Error(
      `no credentials for the Kafka principal ${name}: the test broker is not the authenticated local one ` +
        '(infra/kafka/start.sh writes them to its run folder) — an unauthenticated broker fails this test',
    );
  return credentials;
}

beforeAll(async () => {
  broker = await startTestBroker();
  await provisionKafka({ admin: broker.settings('auth-test-admin'), topicPrefix: prefix });
}, 120_000);

afterAll(async () => {
  await new TopicAdmin(broker.settings('auth-test-admin'))
    .deleteTopics(Object.keys(TOPICS).map((k) => topic(k as TopicKey)))
    .catch(() => {});
  await broker.stop();
});

describe('Kafka authentication and ACLs', () => {
  it('refuses a producer without credentials on the inference results topic', async () => {
    const refusal = await tryProduce(topic('inferenceResults'), undefined);
    expect(refusal, 'a client without credentials wrote an inference result').toBeDefined();
  }, 60_000);

  it('refuses a known user with a wrong password', async () => {
    const refusal = await tryProduce(topic('inferenceResults'), {
      ...principal('classifier'),
      password: 'not-the-password',
    });
    expect(refusal).toMatch(/authentication|SASL/i);
  }, 60_000);

  it("refuses ingest's principal on the inference results topic; the classifier's writes there", async () => {
    expect(await tryProduce(topic('inferenceResults'), principal('ingest'))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
    );
    expect(await tryProduce(topic('inferenceResults'), principal('classifier'))).toBeUndefined();
  }, 60_000);

  it('lets each principal write exactly the topics of its rights table', async () => {
    const seen: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const [who, rights] of Object.entries(KAFKA_PRINCIPALS) as [
      KafkaPrincipal,
      { writes: readonly TopicKey[] },
    ][]) {
      expected[who] = [...rights.writes].sort();
      seen[who] = [];
      for (const key of Object.keys(TOPICS) as TopicKey[]) {
        const refusal = await tryProduce(topic(key), principal(who));
        if (refusal === undefined) seen[who].push(key);
        else expect(refusal, `${who} → ${key}`).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
      }
      seen[who].sort();
    }
    expect(seen).toEqual(expected);
  }, 180_000);
});
