/**
 * `npm run demo` (after infra/stack/demo.sh has installed, built and started the broker): the main job on
 * this machine. Opens PostgreSQL (the server at DATABASE_URL, else an embedded PGlite), builds the
 * sample set (infra/data/samples.ts), starts every service as its own process (pipeline.ts), creates a
 * dashboard account and a platform token, registers the platform's webhook receiver, publishes the sample
 * posts to `vigil.posts.v1` as a platform would, waits for their verdicts on `vigil.verdicts.v1` and
 * prints one row per post. Then prints the dashboard URL and login and keeps running until Ctrl-C
 * (`--once`: stops after the table; exit status 1 when a post got no verdict).
 *
 * Env: KAFKA_BROKERS, DATABASE_URL (default postgres://postgres@127.0.0.1:5432/vigil), KAFKA_TOPIC_PREFIX,
 * VIGIL_DEMO_PORT (dashboard/API port, default 3002), MEDIA_CACHE_URL (default: Redis on 127.0.0.1:6379
 * when one answers).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { postKey, type PostV1Input, type VerdictV1 } from '@vigil/contracts';
import { ensureSamples, samplePosts, type SamplePost } from '../data/samples';
import { openDatabase } from './database';
import { Pipeline, ROOT } from './pipeline';
import { Platform } from './platform';

const TENANT = 'demo';
const keyOf = (v: VerdictV1) => postKey(v.tenant_id, v.post_id);
const runId = Date.now().toString(36);

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** `harassment 0.83 caption` for the verdict's highest scores (at most 2, score ≥ 0.1). */
function topCategories(verdict: VerdictV1): string {
  const top = [...verdict.scores]
    .sort((a, b) => b.score - a.score)
    .filter((s) => s.score >= 0.1)
    .slice(0, 2);
  if (top.length === 0) return '–';
  return top
    .map((s) => {
      const lead = [...s.attribution].sort((a, b) => b.weight - a.weight)[0];
      return `${s.category} ${s.score.toFixed(2)}${lead ? ` ${lead.modality}` : ''}`;
    })
    .join(', ');
}

/**
 * `review (harassment), review*`: each action with its category; `*` marks actions of the policy's
 * `uncovered` rules (categories the bundle cannot assess for the post), explained under the table;
 * `error` rules are named by the error codes that follow.
 */
function actions(verdict: VerdictV1): string {
  const list = verdict.actions
    .map((a) => {
      if (a.rule.startsWith('uncovered')) return `${a.action}*`;
      if (!a.category || a.category === 'error') return a.action;
      return `${a.action} (${a.category})`;
    })
    .filter((a, i, all) => all.indexOf(a) === i)
    .join(', ');
  const errors = verdict.errors.map((e) => e.code).join(',');
  return errors ? `${list}; ${verdict.status === 'error' ? 'status error' : 'errors'} ${errors}` : list;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Prints rows as a plain aligned table. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const once = process.argv.includes('--once');
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const database = await openDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil');
  // Like a deployment, the database outlives the run (verdicts, review queue, accounts), in step with
  // the broker's topics and consumer offsets; PGlite is in memory and goes with the process.
  const schema = process.env.DATABASE_SCHEMA ?? 'public';
  console.log(
    database.kind === 'postgres'
      ? `demo: PostgreSQL at ${database.url}, schema ${schema}`
      : `demo: no PostgreSQL reachable; embedded PGlite (in memory) served at ${database.url}`,
  );
  const samplesDir = await ensureSamples();
  const samples = JSON.parse(readFileSync(join(samplesDir, 'posts.json'), 'utf8')) as SamplePost[];
  const platform = await Platform.start({
    brokers,
    topicPrefix: prefix,
    mediaDir: samplesDir,
    groupId: `vigil-platform-demo-${runId}`,
  });
  const cacheUrl = process.env.MEDIA_CACHE_URL ?? ((await listening(6379)) ? 'redis://127.0.0.1:6379/0' : '');
  console.log('demo: starting ingest, classifier, moderation workers, moderation API + dashboard');
  let pipeline: Pipeline | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      console.log('demo: stopping services');
      await pipeline?.stop();
      await platform.close();
      await database.close();
    })());
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));
  try {
    pipeline = await Pipeline.start({
      brokers,
      databaseUrl: database.url,
      databaseSchema: schema,
      topicPrefix: prefix,
      logDir: join(ROOT, '.run', 'logs'),
      ports: { 'moderation-api': Number(process.env.VIGIL_DEMO_PORT ?? 3002) },
      allowHosts: '127.0.0.1',
      mediaCacheUrl: cacheUrl,
      // One PGlite session serves every connection: keep the pools small.
      ...(database.kind === 'pglite'
        ? {
            env: {
              'moderation-api': { DATABASE_POOL_SIZE: '2' },
              'moderation-workers': { DATABASE_POOL_SIZE: '4' },
            },
          }
        : {}),
    });
    for (const [name, service] of Object.entries(pipeline.services)) {
      console.log(`demo: ${name} ready on ${service.url} (pid ${service.pid}, log .run/logs/${name}.log)`);
    }
    const password = randomBytes(9).toString('base64url');
    // The account may exist from an earlier run: then it gets this run's password.
    await pipeline
      .moderationCli(
        [
          'moderator',
          'create',
          '--username',
          'demo',
          '--name',
          'Demo Admin',
          '--role',
          'admin',
          '--queues',
          'flagged,reports,appeals,senior',
          '--password-stdin',
        ],
        password,
      )
      .catch(() =>
        pipeline!.moderationCli(
          ['moderator', 'password', '--username', 'demo', '--password-stdin'],
          password,
        ),
      );
    const tokenOut = await pipeline.moderationCli([
      'token',
      'create',
      '--tenant',
      TENANT,
      '--scopes',
      'webhooks:manage,verdicts:read',
    ]);
    const token = /\n(vgl_\S+)/.exec(tokenOut)![1]!;
    const endpointId = await platform.registerWebhook(pipeline.apiUrl, TENANT, token);
    await platform.readVerdicts();

    const all = samplePosts(samples, {
      tenant: TENANT,
      suffix: runId,
      mediaUrl: (file) => platform.mediaUrl(file),
      endpointId,
    });
    const posts = all.filter((p): p is PostV1Input => !('raw' in p));
    const malformed = all.filter((p) => 'raw' in p);
    console.log(`demo: publishing ${all.length} posts to vigil.posts.v1`);
    await platform.publish(all);
    const keys = new Set(posts.map((p) => postKey(p.tenant_id, p.post_id)));
    const verdictOf = (key: string) =>
      platform.verdicts.find((v) => postKey(v.verdict.tenant_id, v.verdict.post_id) === key);
    await platform
      .until(
        () =>
          [...keys].every((k) => verdictOf(k) && platform.webhooks.some((w) => keyOf(w.verdict) === k)) &&
          malformed.every((m) => platform.deadLettered.has(m.key)),
        'every verdict and webhook',
        180_000,
      )
      .catch((error: Error) => console.error(`demo: ${error.message}`));

    const rows: string[][] = [];
    for (const sample of samples) {
      const key = `${TENANT}:${sample.id}-${runId}`;
      const sent = platform.publishedAt.get(key)!;
      if (sample.raw) {
        const code = platform.deadLettered.get(key);
        rows.push([sample.id, '–', code ? `dead-lettered ${code}` : 'NO OUTCOME', '–', '–', '–']);
        continue;
      }
      const got = verdictOf(key);
      const kinds = (sample.media ?? []).map((m) => m.kind).join('+') || 'caption';
      if (!got) {
        rows.push([sample.id, kinds, 'NO VERDICT', '–', '–', '–']);
        process.exitCode = 1;
        continue;
      }
      const alt = got.verdict.alt_text.map((a) => (a.decorative ? '(decorative)' : a.text)).join(' | ');
      rows.push([
        sample.id,
        kinds,
        actions(got.verdict),
        topCategories(got.verdict),
        cut(alt || '–', 60),
        `${got.at - sent} ms`,
      ]);
    }
    console.log();
    printTable(['post', 'media', 'actions', 'top categories (score, modality)', 'alt-text', 'e2e'], rows);
    const uncovered = new Map<string, string>();
    for (const { verdict } of platform.verdicts.filter((v) => keys.has(keyOf(v.verdict)))) {
      for (const a of verdict.actions.filter((x) => x.rule.startsWith('uncovered'))) {
        uncovered.set(`${a.category}: ${a.action}`, a.rule);
      }
    }
    if (uncovered.size > 0) {
      console.log(
        `* the policy's rule for categories this model bundle cannot assess (${[...uncovered.keys()].join(', ')})`,
      );
    }
    const hooks = platform.webhooks.filter((w) => keys.has(keyOf(w.verdict)));
    console.log(
      `\ndemo: ${platform.verdicts.filter((v) => keys.has(keyOf(v.verdict))).length} verdicts on vigil.verdicts.v1, ` +
        `${hooks.length} webhooks received (${hooks.filter((w) => w.via.verified).length} signatures verified)`,
    );
    if (once) return; // everything stops next: a dashboard URL and login would lead nowhere
    console.log(`demo: dashboard ${pipeline.apiUrl}/dashboard/  login: demo / ${password}`);
    console.log('demo: services keep running; Ctrl-C stops everything.');
    await new Promise(() => undefined);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    if (once) await stop();
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
