/**
 * Scale-out of the consumer groups, shown rather than claimed: the pipeline (infra/stack/pipeline.ts, every
 * service its own process, the real broker and PostgreSQL, topics, groups and schema of its own) runs two
 * classifier and two ingest instances. A paced load of posts (caption only, and every third with a small
 * photo) goes in; a third classifier is started a third of the way through, and once it is ready, one
 * classifier and one ingest instance are killed with SIGKILL (two thirds of the way through, or later).
 *
 * Checked: both groups' lag drains to 0, and every post has exactly one model verdict on the verdict topic
 * and one row in moderation's `verdicts` table (nothing lost to the crash, nothing decided twice by the
 * redelivery of uncommitted records). Printed, not asserted (a shared 2-core machine makes timings vary):
 * posts handled and posts/s per instance (from each one's /metrics, read just before a kill), and the
 * rebalance pause: the longest gap between consecutive verdicts after each event. `SCALE_POSTS` (30) and
 * `SCALE_INTERVAL_MS` (400) set the load; `npm run bench` runs it at full size after the pipeline phases.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { postKey, TOPICS, topicName, type PostV1Input } from '@vigil/contracts';
import { TopicAdmin } from '@vigil/kafka';
import { testBroker, uniqueName } from '@vigil/kafka/testing';
import type { ServiceProcess } from '@vigil/platform/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSamples } from '../../infra/data/samples';
import { Pipeline } from '../../infra/stack/pipeline';
import { Platform } from '../../infra/stack/platform';

const ROOT = resolve(__dirname, '..', '..');
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil_test';
const POSTS = Number(process.env.SCALE_POSTS ?? 30);
/**
 * Gap between published posts (`SCALE_INTERVAL_MS`, 400): the load lasts POSTS × this, long enough for the
 * events to land mid-run. `npm run bench` runs the full size: more posts, published faster than two
 * instances keep up with, so lag builds and drains.
 */
const PUBLISH_INTERVAL_MS = Number(process.env.SCALE_INTERVAL_MS ?? 400);
const TENANT = 'scale';

const runId = randomBytes(4).toString('hex');
const prefix = `${uniqueName('scale')}.`;
const schema = `scale_out_${runId}`;
const groups = {
  ingest: { group: `vigil-ingest-${runId}`, topic: topicName(TOPICS.posts, prefix) },
  classifier: { group: `vigil-classifier-${runId}`, topic: topicName(TOPICS.inferenceRequests, prefix) },
};
let pipeline: Pipeline;
let platform: Platform;
let db: pg.Client;

/** Sum of a counter's samples on an instance's /metrics (0 when it does not answer). */
async function counterTotal(instance: ServiceProcess, metric: string): Promise<number> {
  const text = await fetch(`${instance.url}/metrics`, { signal: AbortSignal.timeout(5_000) })
    .then((r) => r.text())
    .catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

const METRIC = { ingest: 'vigil_ingest_posts_total', classifier: 'vigil_classifier_requests_total' } as const;

beforeAll(async () => {
  platform = await Platform.start({
    brokers: BROKERS,
    topicPrefix: prefix,
    mediaDir: await ensureSamples(),
    groupId: uniqueName('vigil-platform-scale'),
  });
  pipeline = await Pipeline.start({
    brokers: BROKERS,
    databaseUrl: DATABASE_URL,
    databaseSchema: schema,
    topicPrefix: prefix,
    groupSuffix: `-${runId}`,
    logDir: join(ROOT, 'test-artifacts', 'scale-out'),
    allowHosts: '127.0.0.1',
    mediaCacheUrl: '',
    startTimeoutMs: 240_000,
    env: {
      // A killed member's partitions move after this long (the broker's minimum is 6 s).
      classifier: { CLASSIFIER_SESSION_TIMEOUT_MS: '6000' },
      ingest: { INGEST_SESSION_TIMEOUT_MS: '6000' },
    },
  });
  await pipeline.addInstance('classifier');
  await pipeline.addInstance('ingest');
  await platform.readVerdicts();
  db = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await db.connect();
}, 600_000);

afterAll(async () => {
  await pipeline?.stop();
  await platform?.close();
  if (db) {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
  }
  await new TopicAdmin(testBroker(BROKERS.split(',')).settings('scale-out'))
    .deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)))
    .catch(() => undefined);
}, 120_000);

describe('scale-out of the ingest and classifier consumer groups', () => {
  it('drains the lag and decides every post once while a classifier joins and members crash', async () => {
    const photos = ['chelsea.png', 'rocket.jpg', 'meme-coffee.png'];
    const load: PostV1Input[] = Array.from({ length: POSTS }, (_, i) => ({
      schema_version: 1,
      tenant_id: TENANT,
      post_id: `scale-${i}-${runId}`,
      revision: 0,
      created_at: new Date().toISOString(),
      author: `user-${i % 7}`,
      text: `Post ${i}: ${['a quiet morning', 'new bike', 'our cat', 'launch day', 'market opens'][i % 5]}`,
      media:
        i % 3 === 0
          ? [
              {
                media_id: 'photo',
                kind: 'image',
                source: { url: platform.mediaUrl(photos[i % photos.length]!) },
              },
            ]
          : [],
    }));
    const keys = new Set(load.map((p) => postKey(p.tenant_id, p.post_id)));
    const mine = () =>
      platform.verdicts.filter((r) => keys.has(postKey(r.verdict.tenant_id, r.verdict.post_id)));
    const arrived = () => new Set(mine().map((r) => postKey(r.verdict.tenant_id, r.verdict.post_id))).size;

    // Posts handled per instance: read from /metrics just before a kill, and at the end for the rest.
    const handled = new Map<ServiceProcess, number>();
    const kill = async (instance: ServiceProcess, metric: string) => {
      handled.set(instance, await counterTotal(instance, metric));
      await instance.kill('SIGKILL');
    };

    const t0 = Date.now();
    let joining: Promise<ServiceProcess> | undefined;
    let addedAt = 0;
    let killedAt = 0;
    for (const [i, p] of load.entries()) {
      if (i === Math.floor(POSTS / 3)) {
        addedAt = Date.now();
        joining = pipeline.addInstance('classifier'); // joins the group while the load runs
      }
      if (i === Math.floor((2 * POSTS) / 3)) {
        await joining; // ready, so the crashed member's partitions have somewhere new to go
        killedAt = Date.now();
        await kill(pipeline.services.classifier, METRIC.classifier);
        await kill(pipeline.instances('ingest')[1]!, METRIC.ingest);
      }
      await platform.publish([p]);
      await new Promise((r) => setTimeout(r, PUBLISH_INTERVAL_MS));
    }
    await joining;
    await platform.until(() => arrived() === POSTS, `a verdict for each of the ${POSTS} posts`, 480_000);
    const lastVerdictAt = Math.max(...mine().map((r) => r.at));

    const admin = new TopicAdmin(testBroker(BROKERS.split(',')).settings('scale-out'));
    const lags = async () => [
      await admin.lag(groups.ingest.group, groups.ingest.topic),
      await admin.lag(groups.classifier.group, groups.classifier.topic),
    ];
    let lag = await lags();
    for (const deadline = Date.now() + 120_000; lag.some((l) => l > 0) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 1_000));
      lag = await lags();
    }
    expect(lag, 'lag of ingest and classifier after the load').toEqual([0, 0]);
    // Let redeliveries of what the killed members had not committed come through before counting.
    await new Promise((r) => setTimeout(r, 3_000));

    const perKey = new Map<string, number>();
    for (const r of mine()) {
      const k = postKey(r.verdict.tenant_id, r.verdict.post_id);
      perKey.set(k, (perKey.get(k) ?? 0) + 1);
    }
    expect(
      [...perKey.values()].filter((n) => n !== 1),
      'posts with other than one verdict',
    ).toEqual([]);
    expect(mine().every((r) => r.verdict.source === 'model')).toBe(true);
    const stored = await db.query<{ post_id: string; n: string }>(
      `SELECT post_id, count(*) AS n FROM verdicts WHERE tenant_id = $1 AND source = 'model' GROUP BY post_id`,
      [TENANT],
    );
    expect(stored.rows).toHaveLength(POSTS);
    expect(stored.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);

    // Figures.
    const seconds = (lastVerdictAt - t0) / 1000;
    const lines: string[] = [];
    for (const name of ['ingest', 'classifier'] as const) {
      for (const [n, instance] of pipeline.instances(name).entries()) {
        const count = handled.get(instance) ?? (await counterTotal(instance, METRIC[name]));
        const state = handled.has(instance) ? 'killed' : 'running';
        lines.push(
          `  ${name} #${n + 1} (${state}): ${count} posts, ${(count / seconds).toFixed(2)} posts/s over the ${seconds.toFixed(1)} s load`,
        );
      }
    }
    const arrivals = mine()
      .map((r) => r.at)
      .sort((a, b) => a - b);
    const longestGap = (from: number, to: number) => {
      const inWindow = [from, ...arrivals.filter((a) => a >= from && a <= to)];
      return inWindow.slice(1).reduce((m, a, i) => Math.max(m, a - inWindow[i]!), 0);
    };
    const latency = mine().map(
      (r) => r.at - platform.publishedAt.get(postKey(r.verdict.tenant_id, r.verdict.post_id))!,
    );
    console.log(
      [
        `scale-out: ${POSTS} posts published one per ${PUBLISH_INTERVAL_MS} ms; 2 ingest + 2 classifier, a 3rd classifier ` +
          `started at +${((addedAt - t0) / 1000).toFixed(1)} s, classifier #1 and ingest #2 SIGKILLed at +${((killedAt - t0) / 1000).toFixed(1)} s; ` +
          `all ${POSTS} verdicts once, lag 0/0`,
        ...lines,
        `  rebalance pause (longest gap between verdicts): ${longestGap(addedAt, killedAt)} ms after the join, ` +
          `${longestGap(killedAt, lastVerdictAt)} ms after the kills (session timeout 6 s); before them ${longestGap(t0, addedAt)} ms`,
        `  e2e publish → verdict: max ${Math.max(...latency)} ms`,
      ].join('\n'),
    );
  }, 900_000);
});
