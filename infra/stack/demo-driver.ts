/**
 * Demo driver: publishes sample posts to `vigil.posts.v1` as a platform would and prints what the
 * pipeline produced for each. Until the classifier and moderation services exist, "what came out" is
 * the inference request on `vigil.inference.requests.v1` (and the DLQ entry for the malformed post).
 */
import { postKey, TOPICS } from '@vigil/contracts';
import { BatchConsumer, DLQ_HEADERS, RecordProducer, type IncomingRecord } from '@vigil/kafka';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const settings = { brokers, clientId: 'vigil-demo' };
const runId = Date.now().toString(36);

const samples = [
  { tenant_id: 'demo', post_id: `caption-${runId}`, revision: 1, text: 'Sunset over the harbour tonight' },
  {
    tenant_id: 'demo',
    post_id: `multilingual-${runId}`,
    revision: 1,
    text: 'Bonjour tout le monde !',
    lang: 'fr',
  },
];
const malformed = { key: `demo:broken-${runId}`, value: '{"tenant_id": "demo", "post_id": ' };

async function main(): Promise<void> {
  const producer = new RecordProducer(settings);
  const started = new Map<string, number>();
  for (const post of samples) {
    const key = postKey(post.tenant_id, post.post_id);
    started.set(key, Date.now());
    await producer.send(TOPICS.posts.name, [{ key, value: JSON.stringify(post) }]);
  }
  started.set(malformed.key, Date.now());
  await producer.send(TOPICS.posts.name, [malformed]);
  await producer.disconnect();

  const rows: string[][] = [];
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const reader = new BatchConsumer(settings, {
    groupId: `vigil-demo-${runId}`,
    topics: [TOPICS.inferenceRequests.name, TOPICS.postsDlq.name],
    eachRecord: async (r: IncomingRecord) => {
      const key = r.key?.toString() ?? '';
      const t0 = started.get(key);
      if (t0 === undefined) return;
      const outcome =
        r.topic === TOPICS.postsDlq.name
          ? `dead-lettered: ${r.headers[DLQ_HEADERS.errorCode]}`
          : 'inference request';
      rows.push([key, r.topic, outcome, `${Date.now() - t0} ms`]);
      if (rows.length === started.size) done();
    },
  });
  await reader.start();
  const timeout = setTimeout(() => done(), 60_000);
  await all;
  clearTimeout(timeout);
  await reader.stop();
  console.table(rows.map(([post, topic, outcome, latency]) => ({ post, topic, outcome, latency })));
  if (rows.length !== started.size) {
    console.error(`demo: only ${rows.length} of ${started.size} posts came out`);
    process.exitCode = 1;
  }
}

void main();
