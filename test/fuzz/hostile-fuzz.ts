/**
 * `npm run fuzz [-- --seed N --inputs N]`: hostile inputs through the real ingest pipeline (PostPipeline:
 * parse → fetch inline → sniff → sharp/ffmpeg decode → encode) and the real classifier (the model bundle in
 * .models/vigil-base, ClassificationQueue), in one process; the producer is an in-memory capture, so no
 * broker is needed. Inputs: mutated images, GIFs, videos and audio (bit flips, truncation, header splices,
 * playlists behind ID3 tags, huge dimensions, many frames), hostile captions and broken posts-topic
 * messages. Prints inputs tried, classifier results (verdicts), DLQ records, crashes (an exception out of
 * ingest or the classifier), stalled partitions (a post not done within the stall budget) and lost posts
 * (neither a request nor a DLQ record), max RSS. `--decode-timeout-ms` (default 60000) sets the decode
 * budget per medium; exits 1 when crashes, stalls or losses are not all 0,
 * or when an unmutated seed (valid media) is refused or flagged.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  decodeInternal,
  imageVariantSpecs,
  InferenceRequestSchema,
  InferenceResultSchema,
  readBundleManifest,
  TOPICS,
  type PostV1Input,
} from '@vigil/contracts';
import { DLQ_HEADERS, type IncomingRecord, type OutgoingRecord, type RecordProducer } from '@vigil/kafka';
import { DecodePool, MediaProcessor } from '@vigil/media';
import { manyPacketWebm, toneMp3 } from '@vigil/media/testing';
import { MetricsRegistry } from '@vigil/platform';
import type { PinoLogger } from 'nestjs-pino';
import { ClassificationQueue } from '../../services/classifier/src/classification-queue';
import { loadClassifierRuntime } from '../../services/classifier/src/classifier-runtime';
import { envSchema, mediaLimits } from '../../services/ingest/src/config';
import { PostPipeline } from '../../services/ingest/src/post-pipeline';
import { makeCorpus } from './corpus';
import { mutateCaption, mutateMedia, mutateMessage, Rng, type MutationContext } from './mutations';

const ROOT = resolve(__dirname, '..', '..');
const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    inputs: { type: 'string', default: '120' },
    bundle: { type: 'string', default: join(ROOT, '.models', 'vigil-base') },
    /** Decode budget per medium, ms (INGEST_DECODE_TIMEOUT_MS); raise it on a loaded machine. */
    'decode-timeout-ms': { type: 'string', default: '60000' },
  },
});
const SEED = Number(args.seed);
const INPUTS = Number(args.inputs);
const DECODE_TIMEOUT_MS = Number(args['decode-timeout-ms']);
/** A post not handled within this is a stalled partition: the decode budget (one medium) ×3, plus 30 s. */
const STALL_MS = 3 * DECODE_TIMEOUT_MS + 30_000;

const silent = { debug() {}, info() {}, warn() {}, error() {}, fatal() {} } as unknown as PinoLogger;

/** Everything ingest sent, by topic. */
const sent: Array<{ topic: string; record: OutgoingRecord }> = [];
const producer = {
  send: async (topic: string, records: readonly OutgoingRecord[]) => {
    for (const record of records) sent.push({ topic, record });
  },
} as unknown as RecordProducer;

/** Peak RSS, MiB, while each stage runs (sampled every 20 ms). */
const peakRss = { ingest: 0, classifier: 0 };
let stage: keyof typeof peakRss = 'ingest';
const sampler = setInterval(() => {
  peakRss[stage] = Math.max(peakRss[stage], process.memoryUsage().rss / 2 ** 20);
}, 20);

function withStallBudget<T>(work: Promise<T>): Promise<T | 'stalled'> {
  let timer: NodeJS.Timeout;
  const stalled = new Promise<'stalled'>((r) => (timer = setTimeout(() => r('stalled'), STALL_MS)));
  return Promise.race([work, stalled]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const rng = new Rng(SEED);
  const work = mkdtempSync(join(tmpdir(), 'vigil-fuzz-'));
  const localFile = join(work, 'other-tenant.mp3');
  writeFileSync(localFile, toneMp3());
  const corpus = [
    ...(await makeCorpus(work)),
    { name: 'webm-60k-packets', kind: 'video' as const, bytes: manyPacketWebm(60_000) },
  ];
  const ctx: MutationContext = { corpus, localFile };

  const config = envSchema.parse({
    KAFKA_BROKERS: 'fuzz.invalid:9092',
    VIGIL_BUNDLE_DIR: args.bundle,
    INGEST_INLINE_MAX_BYTES: String(16 * 2 ** 20),
    INGEST_DECODE_TIMEOUT_MS: String(DECODE_TIMEOUT_MS),
    INGEST_TMP_DIR: work,
  });
  const manifest = readBundleManifest(config.VIGIL_BUNDLE_DIR);
  const processor = new MediaProcessor({
    limits: mediaLimits(config),
    specs: imageVariantSpecs(manifest),
    pool: new DecodePool(2, 16),
    tmpDir: work,
  });
  const pipeline = new PostPipeline(config, producer, processor, new MetricsRegistry(), silent);
  const runtime = await loadClassifierRuntime({
    bundleDir: config.VIGIL_BUNDLE_DIR,
    provider: { requested: 'cpu', provider: 'cpu' },
    intraOpThreads: 2,
    interOpThreads: 1,
    moe: 'contrib',
  });
  const queue = new ClassificationQueue(runtime.classifier, {
    maxBatchSize: 4,
    maxDelayMs: 5,
    routing: 'routed',
  });

  // The unmutated seeds are valid media: each must decode cleanly (no refusal, no partial warning);
  // running out of decode time is the machine's load, reported but not counted as a refusal.
  const refused: string[] = [];
  for (const seed of corpus) {
    const { payload } = await processor.process({
      media_id: 'seed',
      kind: seed.kind,
      source: { inline: seed.bytes.toString('base64') },
    });
    if (payload.error?.code === 'MEDIA_DECODE_TIMEOUT')
      console.log(`  slow: ${seed.name} ${payload.error.message}`);
    else if (payload.error) refused.push(`${seed.name}: ${payload.error.code} ${payload.error.message}`);
  }
  console.log(`valid seeds decoded cleanly: ${corpus.length - refused.length}/${corpus.length}`);
  for (const line of refused) console.log(`  REFUSED ${line}`);

  const counts = { inputs: 0, verdicts: 0, verdictErrors: 0, dlq: 0, crashes: 0, stalled: 0, lost: 0 };
  const codes = new Map<string, number>();
  const count = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
  const started = Date.now();
  for (let i = 0; i < INPUTS; i++) {
    const post: PostV1Input = {
      schema_version: 1,
      post_id: `fuzz-${SEED}-${i}`,
      tenant_id: 'fuzz',
      revision: 0,
      created_at: new Date().toISOString(),
      author: 'fuzzer',
      text: 'fuzz',
    };
    let name: string;
    let value: Buffer;
    const roll = rng.next();
    if (roll < 0.7) {
      const base = rng.pick(corpus);
      const mutant = mutateMedia(base.bytes, rng, ctx);
      name = `${base.name}: ${mutant.name}`;
      post.media = [{ media_id: 'm1', kind: base.kind, source: { inline: mutant.bytes.toString('base64') } }];
      value = Buffer.from(JSON.stringify(post));
    } else if (roll < 0.85) {
      const caption = mutateCaption(rng);
      name = caption.name;
      value = Buffer.from(JSON.stringify({ ...post, text: caption.text }));
    } else {
      const mutant = mutateMessage(post, rng);
      name = `message: ${mutant.name}`;
      value = mutant.bytes;
    }
    counts.inputs++;
    const record: IncomingRecord = {
      topic: TOPICS.posts.name,
      partition: 0,
      offset: String(i),
      key: Buffer.from(`fuzz:${post.post_id}`),
      value,
      headers: {},
      timestamp: String(Date.now()),
    };
    const before = sent.length;
    stage = 'ingest';
    const handled = await withStallBudget(pipeline.handle(record)).catch((error: unknown) => error);
    if (handled === 'stalled') {
      counts.stalled++;
      console.log(`STALLED #${i} ${name}`);
      continue;
    }
    if (handled instanceof Error) {
      counts.crashes++;
      console.log(`CRASH in ingest #${i} ${name}: ${handled.stack}`);
      continue;
    }
    const out = sent.slice(before);
    if (out.length !== 1) counts.lost++;
    for (const { topic, record: r } of out) {
      if (topic === TOPICS.postsDlq.name) {
        counts.dlq++;
        count(`dlq:${String(r.headers?.[DLQ_HEADERS.errorCode] ?? '?')}`);
        continue;
      }
      stage = 'classifier';
      try {
        const request = decodeInternal(InferenceRequestSchema, r.value as Buffer);
        for (const m of request.media) if (m.error) count(m.error.code);
        for (const e of request.errors) count(e.code);
        const result = await withStallBudget(queue.classify(request));
        if (result === 'stalled') {
          counts.stalled++;
          console.log(`STALLED in the classifier #${i} ${name}`);
          continue;
        }
        InferenceResultSchema.parse(result);
        counts.verdicts++;
        if (result.status === 'error') counts.verdictErrors++;
      } catch (error) {
        counts.crashes++;
        console.log(`CRASH in the classifier #${i} ${name}: ${(error as Error).stack}`);
      }
    }
  }
  clearInterval(sampler);
  await processor.close();
  rmSync(work, { recursive: true, force: true });

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\nfuzz seed ${SEED}: ${counts.inputs} inputs in ${seconds} s`);
  console.log(`  verdicts (classifier results): ${counts.verdicts} (status error: ${counts.verdictErrors})`);
  console.log(`  DLQ records:                   ${counts.dlq}`);
  console.log(`  crashes:                       ${counts.crashes}`);
  console.log(`  stalled partitions:            ${counts.stalled}`);
  console.log(`  lost posts:                    ${counts.lost}`);
  console.log(
    `  max RSS: ingest ${peakRss.ingest.toFixed(0)} MiB, classifier ${peakRss.classifier.toFixed(0)} MiB (one process, model loaded)`,
  );
  console.log(
    `  codes: ${[...codes]
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}`,
  );
  process.exitCode = counts.crashes + counts.stalled + counts.lost + refused.length === 0 ? 0 : 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
