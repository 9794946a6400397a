// Waits until a Kafka broker answers a kafkajs admin client (connect, list topics, ≥ 1 broker).
// Usage: node wait-ready.mjs HOST:PORT [deadline seconds = 60] [broker log to tail on failure]
// Env: KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (the local broker's administrator;
// unset: no SASL).
// Exits 0 when ready; 1 with the log's last 40 lines when the deadline passes.
// Method: a fresh kafkajs admin with no retries and a short connection timeout per poll: connect, list
// topics, describe the cluster (≥ 1 broker), disconnect; until the deadline.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const [broker = '127.0.0.1:9092', deadlineArg = '60', logFile] = process.argv.slice(2);
const deadline = Date.now() + Number(deadlineArg) * 1000;
const {
  KAFKA_SASL_MECHANISM: mechanism,
  KAFKA_SASL_USERNAME: username,
  KAFKA_SASL_PASSWORD: password,
} = process.env;
const sasl = mechanism ? { sasl: { mechanism, username, password } } : {};

async function probe() {
  const admin = new Kafka({
    clientId: 'vigil-wait-ready',
    brokers: [broker],
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
    ...sasl,
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    const { brokers } = await admin.describeCluster();
    return brokers.length >= 1;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

for (;;) {
  try {
    if (await probe()) process.exit(0);
  } catch {
    /* not up yet */
  }
  if (Date.now() > deadline) {
    console.error(`kafka: broker ${broker} not ready after ${deadlineArg} s`);
    if (logFile && existsSync(logFile)) {
      console.error(`--- last lines of ${logFile} ---`);
      console.error(readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'));
    }
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}
