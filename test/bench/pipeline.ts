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
 * Peak RSS per service is each process's VmHWM. The media cache is off in the first four phases (posts
 * reuse a few files; a cache would measure Redis). Writes bench-results/pipeline.json and pipeline.md.
 *
 * Floor and efficiency (issue 22): after the phases, with the services stopped, this process times the
 * floor of the throughput phase's work on the same inputs (./floor.ts). Efficiency = floor ms per
 * post / actual ms per post (1000 / sustained posts/s); both use the machine's cores.
 *
 * A fifth phase, *cache*, runs with the classifier's media cache on (`BENCH_MEDIA_CACHE_URL`, default
 * redis://127.0.0.1:6379/0; empty skips it): the mix repeats its few files, so it measures the hit path.
 *
 * Env: KAFKA_BROKERS, DATABASE_URL, BENCH_POSTS (120; the other phases use half).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  decodeInternal,
  InferenceResultSchema,
  postKey,
  TOPICS,
  topicName,
  type VerdictV1,
} from '@vigil/contracts';
import { BatchConsumer, TopicAdmin, type KafkaSettings } from '@vigil/kafka';
import { ensureSamples } from '../../infra/data/samples';
import { openDatabase } from '../../infra/stack/database';
import { kafkaPrincipals, Pipeline, ROOT, SERVICE_NAMES, type ServiceName } from '../../infra/stack/pipeline';
import { Platform } from '../../infra/stack/platform';
import { timeFloor } from './floor';
import { cpuMsPerPost as cpuMsPerPostOf, sampleCpu } from './cpu';
import { phaseReport, round, type Cost, type PhaseReport } from './phase-report';
import { MIX, post, runId, TENANT } from './posts';
import { markdown } from './summary';

const POSTS = Number(process.env.BENCH_POSTS ?? 120);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** The broker's administrator (reads the classifier's results; removes the run's topics). */
const adminSettings = (clientId: string): KafkaSettings => {
  const admin = kafkaPrincipals(BROKERS).admin;
  return { brokers: BROKERS.split(','), clientId, ...(admin ? { sasl: admin } : {}) };
};
const prefix = `bench-${runId}.`;

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
      const pids = () => Object.fromEntries(SERVICE_NAMES.map((s) => [s, pipeline!.services[s].pid]));
      const cpu0 = sampleCpu(pids());
      const t0 = Date.now();
      if (intervalMs === 0) await platform.publish(posts);
      else
        for (const p of posts) {
          await platform.publish([p]);
          await new Promise((r) => setTimeout(r, intervalMs));
        }
      await platform.until(() => arrivedOf(keys) === n, `${name}: ${n} verdicts`, 600_000);
      const cpuMsPerPost = cpuMsPerPostOf(cpu0, sampleCpu(pids()), n);
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
      const report = phaseReport({
        name,
        settings,
        keys,
        t0,
        byKey,
        hookAt,
        publishedAt: platform.publishedAt,
        costs,
        classifierPeakRssMiB: pipeline!.services.classifier.processPeakRssMiB(),
        cpuMsPerPost,
      });
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
    // The media cache's hit path: the mix repeats a few files, as reposted memes do; after the first post of
    // each, the classifier answers for the medium from Redis instead of running its experts.
    const cacheUrl = process.env.BENCH_MEDIA_CACHE_URL ?? 'redis://127.0.0.1:6379/0';
    if (cacheUrl) {
      await classifier.kill('SIGTERM');
      await classifier.start({ CLASSIFIER_MAX_BATCH_SIZE: '16', MEDIA_CACHE_URL: cacheUrl });
      await phase('cache', 'routed, batching on, media cache (Redis)', Math.ceil(POSTS / 2));
    }
    clearInterval(sampler);

    const rss = pipeline.peakRssMiB();
    // The floor is timed with the services stopped, so nothing else of the bench competes for the cores.
    await pipeline.stop();
    pipeline = undefined;
    // The throughput phase's inference requests are read back from their topic only now: read during the
    // phases, their megabytes of pixels cost this process ≈ 80 CPU ms per post beside the pipeline.
    await requestReader.start();
    await platform
      .until(() => requests.size >= POSTS, `the throughput phase's ${POSTS} inference requests`, 60_000)
      .catch(() => console.error(`bench: read back ${requests.size} of ${POSTS} inference requests`));
    await requestReader.stop().catch(() => undefined);
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
