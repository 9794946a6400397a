/**
 * `npm run bench` (infra/stack/bench.sh starts what it needs): the whole pipeline on this machine, every
 * service its own process (infra/stack/pipeline.ts), the real broker and PostgreSQL (PGlite when none
 * answers), topics, consumer groups and database schema of its own. A platform stand-in
 * (infra/stack/platform.ts) publishes a mix of posts — caption only, image + caption, animated GIF, short
 * video with speech, voice note — serves their media and receives the signed webhooks.
 *
 * Phases, each after a warm-up post (so a restarted classifier has its partitions):
 *   throughput  routed, dynamic batching on: BENCH_POSTS posts published at once; sustained posts/s =
 *               posts / (last verdict − publish). Expert invocations per post from the results topic.
 *   latency     the same settings, posts published at half the measured rate (an open loop below
 *               saturation): end-to-end p50/p95/p99 (publish → verdict on the topic) and per-stage times.
 *   dense       CLASSIFIER_ROUTING=dense: every present expert on every frame; cost ratio to routed.
 *   no-batch    CLASSIFIER_MAX_BATCH_SIZE=1: dynamic batching off.
 * Stage times come from the verdicts' `timings` (ingest fetch/decode, classifier queue/experts/fusion,
 * moderation's policy evaluation) and the platform's arrival times: decided → on the verdict topic or
 * received as a webhook covers the result's transaction, the outbox and its relay or dispatcher.
 * Peak RSS per service is each process's VmHWM. The media cache is off (posts reuse a few files; a cache
 * would measure Redis). Writes bench-results/pipeline.json and pipeline.md.
 *
 * Floor and efficiency (issue 22): after the phases, with the services stopped, this process times the
 * floor of the throughput phase's work on the same inputs: one bounded sharp decode per image (stills:
 * one decode to the largest variant the request carries; GIFs: the frames ingest sampled) plus the raw
 * ONNX Runtime session time (`InferenceSession.run`, per model file) of the experts the router picks, with
 * the inference requests ingest produced read back from their topic and classified in batches of 16 the
 * way the worker does. Not in the floor: video/audio decoding (ffmpeg), JavaScript experts (image-stats,
 * text classifier, fastText language id), PDQ hashing, Kafka and the database. Efficiency = floor ms per
 * post / actual ms per post (1000 / sustained posts/s); both use the machine's cores.
 *
 * Env: KAFKA_BROKERS, DATABASE_URL, BENCH_POSTS (120; the other phases use half).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  decodeInternal,
  InferenceRequestSchema,
  InferenceResultSchema,
  postKey,
  readBundleManifest,
  TOPICS,
  topicName,
  type InferenceRequest,
  type PostV1Input,
  type VerdictV1,
} from '@vigil/contracts';
import { BatchConsumer, TopicAdmin, type KafkaSettings } from '@vigil/kafka';
import { loadExperts, ort, VigilClassifier } from '@vigil/model';
import sharp from 'sharp';
import { ensureSamples } from '../../infra/data/samples';
import { openDatabase } from '../../infra/stack/database';
import { kafkaPrincipals, Pipeline, ROOT, SERVICE_NAMES, type ServiceName } from '../../infra/stack/pipeline';
import { Platform } from '../../infra/stack/platform';

const POSTS = Number(process.env.BENCH_POSTS ?? 120);
/** The worker's default batch limit (CLASSIFIER_MAX_BATCH_SIZE), used for the floor's classify calls. */
const FLOOR_BATCH = 16;
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** The broker's administrator (reads the classifier's results; removes the run's topics). */
const adminSettings = (clientId: string): KafkaSettings => {
  const admin = kafkaPrincipals(BROKERS).admin;
  return { brokers: BROKERS.split(','), clientId, ...(admin ? { sasl: admin } : {}) };
};
const TENANT = 'bench';
const runId = randomBytes(4).toString('hex');
const prefix = `bench-${runId}.`;

/** The post mix, in publishing order (one of each, repeated). */
const MIX = ['caption', 'image', 'gif', 'video', 'audio'] as const;
type Kind = (typeof MIX)[number];
const IMAGES = ['chelsea.png', 'astronaut.png', 'rocket.jpg', 'motorcycle_left.png', 'meme-coffee.png'];
const CAPTIONS = [
  'Sunset over the harbour tonight',
  'you are a worthless idiot, nobody likes you',
  'Launch day! Suited up and ready',
  'selling coke and molly, dm me for prices',
  'Bonjour tout le monde, le marché ouvre demain',
  'Absolutely killed it at the gym today',
];

/** Stages in pipeline order (fetch and decode: posts with media only). */
const STAGES = [
  'posts topic → ingest',
  'fetch',
  'decode',
  'ingest total',
  'classifier queue (batching)',
  'experts',
  'fusion',
  'classifier total',
  'policy (moderation)',
  'Kafka hops + waits',
  'store + outbox → verdict topic',
  'store + outbox → webhook received',
] as const;

/** Expert cost of one post from its inference result. */
interface Cost {
  readonly invocations: number;
  readonly expertsMs: number;
  /** ms per expert that ran (the result's `experts[].ms`; a batched call's time is each post's share). */
  readonly perExpertMs: Record<string, number>;
}

/** What one phase measured. */
interface PhaseReport {
  readonly phase: string;
  readonly settings: string;
  readonly posts: number;
  readonly postsPerS: number;
  readonly e2eMs: { p50: number; p95: number; p99: number };
  /** Per stage: p50 and p95 in ms over the posts that have the stage. */
  readonly stages: Record<string, { p50: number; p95: number; n: number }>;
  readonly invocationsPerPost: number;
  readonly expertsMsPerPost: number;
  /** Mean ms per post (over all the phase's posts) per stage, experts one by one. */
  readonly msPerPost: Record<string, number>;
  /** VmHWM of the classifier process of this phase (it is restarted between phases), MiB. */
  readonly classifierPeakRssMiB: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function post(phase: string, i: number, mediaUrl: (f: string) => string, endpointId: string): PostV1Input {
  const kind: Kind = MIX[i % MIX.length]!;
  const file = {
    caption: undefined,
    image: IMAGES[Math.floor(i / MIX.length) % IMAGES.length]!,
    gif: 'slideshow.gif',
    video: 'recap.mp4',
    audio: 'voice-note.ogg',
  }[kind];
  return {
    schema_version: 1,
    tenant_id: TENANT,
    post_id: `${phase}-${i}-${runId}`,
    revision: 0,
    created_at: new Date().toISOString(),
    author: `user-${i % 13}`,
    text: `${CAPTIONS[i % CAPTIONS.length]} #${i}`,
    media: file && kind !== 'caption' ? [{ media_id: 'm1', kind, source: { url: mediaUrl(file) } }] : [],
    callback: { endpoint_id: endpointId },
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const load0 = loadavg();
  const database = await openDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil');
  const schema = database.kind === 'postgres' ? `bench_${runId}` : 'public';
  const samplesDir = await ensureSamples();
  const platform = await Platform.start({
    brokers: BROKERS,
    topicPrefix: prefix,
    mediaDir: samplesDir,
    groupId: `vigil-platform-bench-${runId}`,
  });
  const costs = new Map<string, Cost>();
  const results = new BatchConsumer(adminSettings('bench-results'), {
    groupId: `bench-results-${runId}`,
    topics: [topicName(TOPICS.inferenceResults, prefix)],
    eachRecord: async (r) => {
      let result;
      try {
        result = decodeInternal(InferenceResultSchema, r.value!);
      } catch (error) {
        console.error(`bench: unreadable inference result ${r.key?.toString()}: ${(error as Error).message}`);
        return;
      }
      const ran = result.experts.filter((e) => e.ran && e.expert !== 'fusion');
      costs.set(postKey(result.tenant_id, result.post_id), {
        invocations: ran.length,
        expertsMs: ran.reduce((a, e) => a + e.ms, 0),
        perExpertMs: Object.fromEntries(ran.map((e) => [e.expert, e.ms])),
      });
    },
  });
  /** The inference requests ingest produced, by post key (read back for the floor). */
  const requests = new Map<string, Buffer>();
  const requestReader = new BatchConsumer(adminSettings('bench-requests'), {
    groupId: `bench-requests-${runId}`,
    topics: [topicName(TOPICS.inferenceRequests, prefix)],
    eachRecord: async (r) => {
      const key = r.key?.toString();
      if (key?.startsWith(`${TENANT}:throughput-`) && !key.includes('warmup') && r.value)
        requests.set(key, Buffer.from(r.value));
    },
  });
  let pipeline: Pipeline | undefined;
  const reports: PhaseReport[] = [];
  try {
    console.log(`bench: starting the services (${database.kind}); logs in .run/bench/`);
    pipeline = await Pipeline.start({
      brokers: BROKERS,
      databaseUrl: database.url,
      databaseSchema: schema,
      topicPrefix: prefix,
      groupSuffix: `-${runId}`,
      logDir: join(ROOT, '.run', 'bench'),
      allowHosts: '127.0.0.1',
      mediaCacheUrl: '',
      env: { classifier: { CLASSIFIER_SESSION_TIMEOUT_MS: '6000' } },
    });
    const token = /\n(vgl_\S+)/.exec(
      await pipeline.moderationCli(['token', 'create', '--tenant', TENANT, '--scopes', 'webhooks:manage']),
    )![1]!;
    const endpointId = await platform.registerWebhook(pipeline.apiUrl, TENANT, token);
    await platform.readVerdicts();
    await results.start();
    await requestReader.start();
    const mediaUrl = (f: string) => platform.mediaUrl(f);
    const byKey = new Map<string, { verdict: VerdictV1; at: number }>();
    const hookAt = new Map<string, number>();
    const arrivedOf = (keys: string[]) => {
      for (const r of platform.verdicts) byKey.set(postKey(r.verdict.tenant_id, r.verdict.post_id), r);
      for (const w of platform.webhooks) hookAt.set(postKey(w.verdict.tenant_id, w.verdict.post_id), w.at);
      return keys.filter((k) => byKey.has(k)).length;
    };
    const sampler = setInterval(() => pipeline?.samplePeaks(), 500);

    /** Publishes `n` posts (all at once, or one every `intervalMs`) and measures until all verdicts are in. */
    const phase = async (name: string, settings: string, n: number, intervalMs = 0): Promise<PhaseReport> => {
      const warm = post(`${name}-warmup`, 0, mediaUrl, endpointId);
      await platform.publish([warm]);
      await platform.until(
        () => arrivedOf([postKey(TENANT, warm.post_id)]) === 1,
        `${name} warm-up`,
        180_000,
      );
      const posts = Array.from({ length: n }, (_, i) => post(name, i, mediaUrl, endpointId));
      const keys = posts.map((p) => postKey(p.tenant_id, p.post_id));
      const t0 = Date.now();
      if (intervalMs === 0) await platform.publish(posts);
      else
        for (const p of posts) {
          await platform.publish([p]);
          await new Promise((r) => setTimeout(r, intervalMs));
        }
      await platform.until(() => arrivedOf(keys) === n, `${name}: ${n} verdicts`, 600_000);
      await platform
        .until(
          () => arrivedOf(keys) === n && keys.every((k) => hookAt.has(k) && costs.has(k)),
          `${name}: webhooks and inference results`,
          60_000,
        )
        .catch((error: Error) => {
          const hooks = keys.filter((k) => !hookAt.has(k)).length;
          const results = keys.filter((k) => !costs.has(k)).length;
          throw new Error(`${error.message}: ${hooks} webhooks and ${results} results missing`);
        });
      const last = Math.max(...keys.map((k) => byKey.get(k)!.at));
      const stage: Record<string, number[]> = Object.fromEntries(STAGES.map((name) => [name, []]));
      const add = (s: (typeof STAGES)[number], v: number | undefined) => {
        if (v !== undefined && Number.isFinite(v)) stage[s]!.push(Math.max(0, v));
      };
      for (const k of keys) {
        const { verdict, at } = byKey.get(k)!;
        const t = verdict.timings;
        const decided = Date.parse(verdict.decided_at);
        const receivedAt = decided - (t.total_ms ?? 0);
        const hasMedia = (t.fetch_ms ?? 0) > 0;
        add('posts topic → ingest', receivedAt - platform.publishedAt.get(k)!);
        if (hasMedia) add('fetch', t.fetch_ms);
        if (hasMedia) add('decode', t.decode_ms);
        add('ingest total', t.ingest_ms);
        add('classifier queue (batching)', t.queue_ms);
        add('experts', t.experts_ms);
        add('fusion', t.fusion_ms);
        add('classifier total', t.classifier_ms);
        add('policy (moderation)', t.moderation_ms);
        add(
          'Kafka hops + waits',
          (t.total_ms ?? 0) - (t.ingest_ms ?? 0) - (t.classifier_ms ?? 0) - (t.moderation_ms ?? 0),
        );
        add('store + outbox → verdict topic', at - decided);
        add('store + outbox → webhook received', hookAt.get(k)! - decided);
      }
      const e2e = keys.map((k) => byKey.get(k)!.at - platform.publishedAt.get(k)!);
      const cost = keys.map((k) => costs.get(k)!);
      const perPost: Record<string, number> = {};
      const addMean = (s: string, v: number | undefined) => {
        perPost[s] = (perPost[s] ?? 0) + (v !== undefined && Number.isFinite(v) ? Math.max(0, v) / n : 0);
      };
      for (const k of keys) {
        const { verdict, at } = byKey.get(k)!;
        const t = verdict.timings;
        addMean('fetch', t.fetch_ms);
        addMean('decode', t.decode_ms);
        for (const [expert, ms] of Object.entries(costs.get(k)!.perExpertMs))
          if (expert !== 'fusion') addMean(`expert: ${expert}`, ms);
        addMean('fusion', t.fusion_ms);
        addMean('policy (moderation)', t.moderation_ms);
        addMean('delivery (store + outbox → verdict topic)', at - Date.parse(verdict.decided_at));
      }
      const report: PhaseReport = {
        phase: name,
        settings,
        posts: n,
        postsPerS: round(n / ((last - t0) / 1000), 2),
        e2eMs: { p50: percentile(e2e, 50), p95: percentile(e2e, 95), p99: percentile(e2e, 99) },
        stages: Object.fromEntries(
          Object.entries(stage).map(([s, v]) => [
            s,
            { p50: round(percentile(v, 50)), p95: round(percentile(v, 95)), n: v.length },
          ]),
        ),
        invocationsPerPost: round(cost.reduce((a, c) => a + c.invocations, 0) / n, 2),
        expertsMsPerPost: round(cost.reduce((a, c) => a + c.expertsMs, 0) / n, 1),
        msPerPost: Object.fromEntries(Object.entries(perPost).map(([s, v]) => [s, round(v)])),
        classifierPeakRssMiB: Math.round(pipeline!.services.classifier.processPeakRssMiB()),
      };
      console.log(
        `bench: ${name} (${settings}): ${n} posts, ${report.postsPerS} posts/s, e2e p50 ${report.e2eMs.p50} ms, p95 ${report.e2eMs.p95} ms`,
      );
      reports.push(report);
      return report;
    };

    const classifier = pipeline.services.classifier;
    const throughput = await phase('throughput', 'routed, batching on (16 / 5 ms)', POSTS);
    const rate = Math.max(0.5, throughput.postsPerS / 2);
    await phase(
      'latency',
      `routed, batching on, paced at ${round(rate, 2)} posts/s`,
      Math.ceil(POSTS / 2),
      1000 / rate,
    );
    await classifier.kill('SIGTERM');
    await classifier.start({ CLASSIFIER_ROUTING: 'dense' });
    await phase('dense', 'dense, batching on', Math.ceil(POSTS / 2));
    await classifier.kill('SIGTERM');
    await classifier.start({ CLASSIFIER_ROUTING: 'routed', CLASSIFIER_MAX_BATCH_SIZE: '1' });
    await phase('no-batch', 'routed, batching off (batch size 1)', Math.ceil(POSTS / 2));
    clearInterval(sampler);

    const rss = pipeline.peakRssMiB();
    await requestReader.stop().catch(() => undefined);
    // The floor is timed with the services stopped, so nothing else of the bench competes for the cores.
    await pipeline.stop();
    pipeline = undefined;
    const floor = await timeFloor(
      reports[0]!,
      Array.from({ length: POSTS }, (_, i) => post('throughput', i, mediaUrl, endpointId)),
      requests,
      samplesDir,
    );
    const summary = {
      date: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
        memoryGiB: round(totalmem() / 2 ** 30, 1),
        loadAverageBefore: load0.map((l) => round(l, 2)),
        loadAverageAfter: loadavg().map((l) => round(l, 2)),
        database: database.kind,
      },
      mix: MIX,
      phases: reports,
      routedVsDense: {
        invocations: round(reports[0]!.invocationsPerPost / reports[2]!.invocationsPerPost, 3),
        expertsMs: round(reports[0]!.expertsMsPerPost / reports[2]!.expertsMsPerPost, 3),
      },
      batchingOnVsOff: round(reports[0]!.postsPerS / reports[3]!.postsPerS, 2),
      floor,
      peakRssMiB: Object.fromEntries(SERVICE_NAMES.map((s) => [s, round(rss[s], 0)])) as Record<
        ServiceName,
        number
      >,
      seconds: round((Date.now() - started) / 1000, 0),
    };
    const md = markdown(summary);
    const out = join(ROOT, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'pipeline.json'), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(join(out, 'pipeline.md'), md);
    console.log(`\n${md}`);
    console.log(`bench: wrote bench-results/pipeline.json and pipeline.md (${summary.seconds} s)`);
  } finally {
    await pipeline?.stop();
    await results.stop().catch(() => undefined);
    await requestReader.stop().catch(() => undefined);
    await platform.close();
    await new TopicAdmin(adminSettings('bench'))
      .deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)))
      .catch(() => undefined);
    await database.close(database.kind === 'postgres' ? schema : undefined);
  }
}

/** The floor of the throughput phase's work, timed in this process on the same inputs. */
interface Floor {
  readonly posts: number;
  /** Posts whose inference request was read back (the ORT figures cover these). */
  readonly requests: number;
  readonly decodeMsPerPost: number;
  /** Raw InferenceSession.run ms per post, per expert (its model files together). */
  readonly ortMsPerPost: Record<string, number>;
  readonly floorMsPerPost: number;
  readonly actualMsPerPost: number;
  /** floor / actual. */
  readonly efficiency: number;
}

/**
 * Times the floor (see the file comment): ORT session time of the routed experts on the requests ingest
 * produced, in batches of FLOOR_BATCH, and one bounded sharp decode per image of the same posts.
 */
async function timeFloor(
  throughput: PhaseReport,
  posts: PostV1Input[],
  encoded: Map<string, Buffer>,
  samplesDir: string,
): Promise<Floor> {
  const bundleDir = join(ROOT, '.models', 'vigil-base');
  const manifest = readBundleManifest(bundleDir);
  const expertOfFile = new Map<string, string>();
  for (const e of manifest.experts)
    for (const f of Object.values(e.files ?? {}))
      if (typeof f === 'string') expertOfFile.set(basename(f), e.name);
  // Every session created from here on reports the time of each run() under its expert's name.
  const ortMs = new Map<string, number>();
  const create = ort.InferenceSession.create.bind(ort.InferenceSession) as (
    ...a: unknown[]
  ) => Promise<ort.InferenceSession>;
  (ort.InferenceSession as unknown as { create: (...a: unknown[]) => Promise<ort.InferenceSession> }).create =
    async (...args: unknown[]) => {
      const session = await create(...args);
      const name =
        typeof args[0] === 'string' ? (expertOfFile.get(basename(args[0])) ?? basename(args[0])) : 'buffer';
      const run = session.run.bind(session) as (...a: unknown[]) => Promise<unknown>;
      (session as unknown as { run: (...a: unknown[]) => Promise<unknown> }).run = async (
        ...a: unknown[]
      ) => {
        const t0 = performance.now();
        try {
          return await run(...a);
        } finally {
          ortMs.set(name, (ortMs.get(name) ?? 0) + performance.now() - t0);
        }
      };
      return session;
    };
  const session = { provider: 'cpu' as const };
  const { experts } = await loadExperts(manifest, bundleDir, session);
  const classifier = await VigilClassifier.load(bundleDir, { session, experts });
  const byPost: (InferenceRequest | undefined)[] = posts.map((p) => {
    const bytes = encoded.get(postKey(p.tenant_id, p.post_id));
    return bytes && decodeInternal(InferenceRequestSchema, bytes);
  });
  const requests = byPost.filter((r): r is InferenceRequest => r !== undefined);
  await classifier.classify(requests.slice(0, FLOOR_BATCH), 'routed'); // warm-up, not counted
  ortMs.clear();
  for (let i = 0; i < requests.length; i += FLOOR_BATCH)
    await classifier.classify(requests.slice(i, i + FLOOR_BATCH), 'routed');
  await classifier.release();

  // One bounded decode per image: to the largest variant ingest made of it (the GIF: its sampled frames).
  let decodeMs = 0;
  for (const [i, p] of posts.entries()) {
    const media = p.media?.[0];
    if (!media || (media.kind !== 'image' && media.kind !== 'gif') || !('url' in media.source)) continue;
    const bytes = readFileSync(join(samplesDir, basename(new URL(media.source.url).pathname)));
    const frames = byPost[i]?.media[0]?.frames ?? [];
    const sides = frames.flatMap((f) =>
      Object.values(f.variants ?? {}).map((v) => Math.max(v.width, v.height)),
    );
    const side = sides.length > 0 ? Math.max(...sides) : 512;
    const pages = media.kind === 'gif' ? Math.max(1, frames.length) : 1;
    for (let page = 0; page < pages; page++) {
      const t0 = performance.now();
      await sharp(bytes, { page })
        .resize(side, side, { fit: 'inside', withoutEnlargement: true })
        .removeAlpha()
        .raw()
        .toBuffer();
      decodeMs += performance.now() - t0;
    }
  }
  const n = posts.length;
  const ortPerPost = Object.fromEntries([...ortMs].map(([e, ms]) => [e, round(ms / n, 1)]));
  const floorMs = (decodeMs + [...ortMs.values()].reduce((a, b) => a + b, 0)) / n;
  const actualMs = 1000 / throughput.postsPerS;
  return {
    posts: n,
    requests: requests.length,
    decodeMsPerPost: round(decodeMs / n, 1),
    ortMsPerPost: ortPerPost,
    floorMsPerPost: round(floorMs, 1),
    actualMsPerPost: round(actualMs, 1),
    efficiency: round(floorMs / actualMs, 3),
  };
}

interface Summary {
  date: string;
  machine: {
    cores: number;
    cpus: string;
    memoryGiB: number;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    database: string;
  };
  phases: PhaseReport[];
  routedVsDense: { invocations: number; expertsMs: number };
  batchingOnVsOff: number;
  floor: Floor;
  peakRssMiB: Record<ServiceName, number>;
}

/** The report as Markdown tables (what the README keeps). */
function markdown(s: Summary): string {
  const [throughput, latency, dense, noBatch] = s.phases as [
    PhaseReport,
    PhaseReport,
    PhaseReport,
    PhaseReport,
  ];
  const f = s.floor;
  const lines = [
    `Pipeline benchmark, ${s.date.slice(0, 16).replace('T', ' ')} UTC, ${s.machine.cores} cores: ${s.machine.cpus}, ${s.machine.memoryGiB} GiB, ` +
      `load average ${s.machine.loadAverageBefore[0]} before / ${s.machine.loadAverageAfter[0]} after, ` +
      `database ${s.machine.database}. Mix: caption only, image + caption, GIF, video with speech, voice note (1 in 5 each).`,
    '',
    '| phase | settings | posts | posts/s | e2e p50 ms | e2e p95 ms | e2e p99 ms | classifier p50 ms | expert runs / post | expert ms / post | classifier peak RSS MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...s.phases.map(
      (p) =>
        `| ${p.phase} | ${p.settings} | ${p.posts} | ${p.postsPerS} | ${p.e2eMs.p50} | ${p.e2eMs.p95} | ${p.e2eMs.p99} | ${p.stages['classifier total']?.p50} | ${p.invocationsPerPost} | ${p.expertsMsPerPost} | ${p.classifierPeakRssMiB} |`,
    ),
    '',
    `Ratios (one run, side by side): efficiency (floor / actual) ${f.efficiency} | batching on / off ${s.batchingOnVsOff}× | ` +
      `routed / dense ${s.routedVsDense.expertsMs} in expert ms (${s.routedVsDense.invocations} in invocations) | ` +
      `${throughput.postsPerS} posts/s | paced e2e p50 / p95 / p99 ${latency.e2eMs.p50} / ${latency.e2eMs.p95} / ${latency.e2eMs.p99} ms`,
    '',
    `Floor of the throughput phase, timed afterwards in one process on the same ${f.posts} posts (${f.requests} inference ` +
      `requests read back): ${f.floorMsPerPost} ms per post = one bounded sharp decode per image ${f.decodeMsPerPost} ms + raw ` +
      `ONNX Runtime session time ${Object.entries(f.ortMsPerPost)
        .map(([e, ms]) => `${e} ${ms}`)
        .join(
          ', ',
        )} ms; actual ${f.actualMsPerPost} ms per post (1000 / posts/s) → efficiency ${f.efficiency}.`,
    '',
    `Per stage, ms per post (mean over every post of the phase, 0 where a post has no such stage; experts: the ` +
      `inference results' time per expert, a batched call shared among its posts):`,
    '',
    `| stage | ${s.phases.map((p) => p.phase).join(' | ')} |`,
    `|---|${s.phases.map(() => '---:').join('|')}|`,
    ...[...new Set(s.phases.flatMap((p) => Object.keys(p.msPerPost)))].map(
      (stage) => `| ${stage} | ${s.phases.map((p) => p.msPerPost[stage] ?? 0).join(' | ')} |`,
    ),
    '',
    `Per stage, latency phase (ms; fetch and decode over posts with media):`,
    '',
    '| stage | p50 | p95 |',
    '|---|---:|---:|',
    ...Object.entries(latency.stages).map(([k, v]) => `| ${k} | ${v.p50} | ${v.p95} |`),
    '',
    `Routed / dense cost: ${s.routedVsDense.invocations} in expert invocations, ${s.routedVsDense.expertsMs} in expert ms ` +
      `(${throughput.invocationsPerPost} vs ${dense.invocationsPerPost} runs per post). Batching on / off: ` +
      `${s.batchingOnVsOff}× posts/s (${throughput.postsPerS} vs ${noBatch.postsPerS}).`,
    '',
    '| service | peak RSS MiB (whole run) |',
    '|---|---:|',
    ...Object.entries(s.peakRssMiB).map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
