/**
 * The whole pipeline end to end: ingest, classifier, the moderation workers and the moderation API run
 * as separate processes (their builds, as deployed: infra/stack/pipeline.ts, the same code the demo runs)
 * on the real broker and PostgreSQL, with topic names and consumer groups of their own
 * (KAFKA_TOPIC_PREFIX, group suffix) and a fresh database schema, so the run shares nothing.
 * A platform (infra/stack/platform.ts) serves the sample media over HTTP, publishes the sample posts
 * (infra/data/samples.ts: photos, a meme, a GIF, a spoken MP4, a voice note, captions in five languages,
 * harmful and tricky captions, a broken file, a blocked URL, a malformed post) and receives webhooks,
 * verifying each signature with the `standardwebhooks` library.
 *
 * Checked: every post gets exactly one model verdict on the verdict topic and one verified webhook; the
 * malformed post goes to the dead-letter topic; failed media give `status: error` with their codes; the
 * policy's `review` actions open review tasks, and a moderator's decision through the review API becomes
 * a human verdict (topic and webhook); the classifier killed with SIGKILL in the middle of a load and
 * started again loses no post and decides none twice.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { postKey, TOPICS, topicName, type PostV1Input, type VerdictV1 } from '@vigil/contracts';
import { TopicAdmin } from '@vigil/kafka';
import { testBroker, uniqueName } from '@vigil/kafka/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSamples, SAMPLE_POSTS, samplePosts } from '../../infra/data/samples';
import { Pipeline } from '../../infra/stack/pipeline';
import { Platform } from '../../infra/stack/platform';

const ROOT = resolve(__dirname, '..', '..');
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil_test';
const TENANT = 'acme';
const PASSWORD = 'pipeline e2e moderator passphrase';

const runId = randomBytes(4).toString('hex');
const prefix = `${uniqueName('e2e')}.`;
const schema = `pipeline_e2e_${runId}`;
let pipeline: Pipeline;
let platform: Platform;
let db: pg.Client;
let endpointId: string;

const keyOf = (v: VerdictV1) => postKey(v.tenant_id, v.post_id);

/** Verdicts on the topic for `key` (model and human). */
function verdictsFor(key: string, source?: 'model' | 'human'): VerdictV1[] {
  return platform.verdicts
    .map((r) => r.verdict)
    .filter((v) => keyOf(v) === key && (!source || v.source === source));
}

beforeAll(async () => {
  const samplesDir = await ensureSamples();
  platform = await Platform.start({
    brokers: BROKERS,
    topicPrefix: prefix,
    mediaDir: samplesDir,
    groupId: uniqueName('vigil-platform-e2e'),
  });
  pipeline = await Pipeline.start({
    brokers: BROKERS,
    databaseUrl: DATABASE_URL,
    databaseSchema: schema,
    topicPrefix: prefix,
    groupSuffix: `-${runId}`,
    logDir: join(ROOT, 'test-artifacts', 'pipeline-e2e'),
    allowHosts: '127.0.0.1',
    // No media cache: results must not depend on what other runs left in a shared Redis.
    mediaCacheUrl: '',
    env: {
      // A killed classifier's partitions move to its replacement after this long (broker minimum 6 s).
      classifier: { CLASSIFIER_SESSION_TIMEOUT_MS: '6000' },
    },
  });
  const token = /\n(vgl_\S+)/.exec(
    await pipeline.moderationCli(['token', 'create', '--tenant', TENANT, '--scopes', 'webhooks:manage']),
  )![1]!;
  endpointId = await platform.registerWebhook(pipeline.apiUrl, TENANT, token);
  await pipeline.moderationCli(
    [
      'moderator',
      'create',
      '--username',
      'rae',
      '--role',
      'moderator',
      '--queues',
      'flagged',
      '--password-stdin',
    ],
    PASSWORD,
  );
  await platform.readVerdicts();
  db = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await db.connect();
}, 240_000);

afterAll(async () => {
  await pipeline?.stop();
  await platform?.close();
  if (db) {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
  }
  await new TopicAdmin(testBroker(BROKERS.split(',')).settings('pipeline-e2e')).deleteTopics(
    Object.values(TOPICS).map((t) => topicName(t, prefix)),
  );
});

describe('the whole pipeline, every service its own process', () => {
  const posts = () =>
    samplePosts(SAMPLE_POSTS, {
      tenant: TENANT,
      suffix: runId,
      mediaUrl: (file) => platform.mediaUrl(file),
      endpointId,
    });
  const sampleKey = (id: string) => `${TENANT}:${id}-${runId}`;

  it('gives every sample post one model verdict on the topic and one verified webhook', async () => {
    const all = posts();
    const valid = all.filter((p): p is PostV1Input => !('raw' in p));
    await platform.publish(all);
    const keys = valid.map((p) => postKey(p.tenant_id, p.post_id));
    await platform.until(
      () =>
        keys.every((k) => verdictsFor(k).length > 0) &&
        keys.every((k) => platform.webhooks.some((w) => keyOf(w.verdict) === k)) &&
        platform.deadLettered.has(sampleKey('malformed')),
      'a verdict and a webhook for every sample post',
      180_000,
    );

    for (const key of keys) {
      const [verdict, ...others] = verdictsFor(key);
      expect(others, key).toEqual([]);
      expect(verdict!.source).toBe('model');
      expect(verdict!.correlation_id).toBe(key.slice(TENANT.length + 1, -(runId.length + 1)));
      const hooks = platform.webhooks.filter((w) => keyOf(w.verdict) === key);
      expect(hooks, key).toHaveLength(1);
      expect(hooks[0]!.via).toMatchObject({ verified: true });
      expect(hooks[0]!.verdict.verdict_id).toBe(verdict!.verdict_id);
    }
    expect(platform.deadLettered.get(sampleKey('malformed'))).toBe('POST_NOT_JSON');

    const one = (id: string) => verdictsFor(sampleKey(id), 'model')[0]!;
    // Failed media: the verdict says so, with the code, and the policy's error rule acts.
    expect(one('broken-file')).toMatchObject({
      status: 'error',
      errors: [expect.objectContaining({ code: 'MEDIA_CORRUPT', media_id: 'broken' })],
    });
    expect(one('blocked-url')).toMatchObject({
      status: 'error',
      errors: [expect.objectContaining({ code: 'MEDIA_FETCH_FORBIDDEN', media_id: 'metadata' })],
    });
    for (const id of ['broken-file', 'blocked-url']) {
      expect(one(id).actions).toContainEqual(
        expect.objectContaining({ action: 'review', rule: 'error.review' }),
      );
    }
    // Media that decoded are analysed without errors; the spoken tracks reach the audio expert.
    for (const id of [
      'photo-cat',
      'photos-launch',
      'meme-benign',
      'gif-slideshow',
      'video-spoken',
      'audio-note',
    ]) {
      expect(one(id), id).toMatchObject({ status: 'ok', errors: [] });
    }
    // Alt-text per image, GIF and video from the image experts travels with the verdict (and its webhook).
    expect(one('photo-cat').alt_text).toEqual([
      { media_id: 'cat', text: 'Photo of a cat', decorative: false },
    ]);
    expect(one('photos-launch').alt_text.find((a) => a.media_id === 'astronaut')!.text).toMatch(
      /^Photo of a person\b/,
    );
    expect(one('meme-benign').alt_text[0]!.text).toMatch(/^Photo.* with the text ".*COFFEE.*"$/);
    expect(one('gif-slideshow').alt_text.map((a) => a.media_id)).toEqual(['loop']);
    expect(one('video-spoken').alt_text.map((a) => a.media_id)).toEqual(['clip']);
    expect(one('audio-note').alt_text).toEqual([]);
    const catHook = platform.webhooks.find((w) => keyOf(w.verdict) === sampleKey('photo-cat'))!;
    expect(catHook.verdict.alt_text).toEqual(one('photo-cat').alt_text);
    // The espeak-ng voice in the MP4 and in the voice note: voice activity found and stored, in ms.
    for (const [id, mediaId] of [
      ['video-spoken', 'clip'],
      ['audio-note', 'note'],
    ]) {
      const { rows } = await db.query<{ speech: { start_ms: number; end_ms: number }[] | null }>(
        'SELECT speech FROM media WHERE tenant_id = $1 AND post_id = $2 AND media_id = $3',
        [TENANT, `${id}-${runId}`, mediaId],
      );
      const spoken = (rows[0]?.speech ?? []).reduce((a, s) => a + (s.end_ms - s.start_ms), 0);
      expect(spoken, id).toBeGreaterThan(2_000);
    }
    // Clear-cut harmful captions get the policy's actions, attributed to the caption.
    const action = (id: string, category: string) =>
      one(id).actions.find((a) => a.category === category)?.action;
    expect(action('harassment', 'harassment')).toBe('review');
    expect(action('threat', 'harassment/threatening')).toMatch(/^(review|remove)$/);
    expect(action('drugs', 'illicit/drugs')).toMatch(/^(review|remove)$/);
    expect(action('self-harm', 'self-harm/intent')).toBe('review');
    const harassment = one('harassment').scores.find((s) => s.category === 'harassment')!;
    expect(harassment.score).toBeGreaterThan(0.7);
    expect(harassment.attribution[0]).toMatchObject({ modality: 'caption' });
    // Benign captions that look harmful stay below every category action.
    for (const id of ['tricky-gym', 'tricky-bomb', 'caption-benign']) {
      expect(
        one(id).actions.filter((a) => a.action !== 'allow' && !a.rule.startsWith('uncovered')),
        id,
      ).toEqual([]);
    }
    // Stage timings from every service travel with the verdict.
    expect(Object.keys(one('photo-cat').timings)).toEqual(
      expect.arrayContaining([
        'fetch_ms',
        'decode_ms',
        'queue_ms',
        'experts_ms',
        'fusion_ms',
        'moderation_ms',
        'total_ms',
      ]),
    );
  });

  it('opens review tasks for review actions; a decision through the review API becomes a human verdict', async () => {
    const reviewed = platform.verdicts
      .map((r) => r.verdict)
      .filter((v) => v.post_id.endsWith(runId) && v.actions.some((a) => a.action === 'review'));
    expect(reviewed.length).toBeGreaterThan(0);
    const stored = await db.query<{ post_id: string }>(
      `SELECT post_id FROM review_tasks WHERE tenant_id = $1 AND kind = 'policy'`,
      [TENANT],
    );
    expect(new Set(stored.rows.map((r) => r.post_id))).toEqual(new Set(reviewed.map((v) => v.post_id)));

    // The moderator logs in, finds the harassment post in the model-flags queue, claims and removes it.
    const api = pipeline.apiUrl;
    const login = await fetch(`${api}/review/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vigil-csrf': '1' },
      body: JSON.stringify({ username: 'rae', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { cookie, 'x-vigil-csrf': '1', 'content-type': 'application/json' };
    const list = (await (
      await fetch(`${api}/review/queues/flagged/tasks?limit=200`, { headers })
    ).json()) as {
      tasks: { task_id: string; post_id: string; categories: string[] }[];
    };
    const postId = `harassment-${runId}`;
    const task = list.tasks.find((t) => t.post_id === postId)!;
    expect(task.categories).toContain('harassment');
    const claimed = await fetch(`${api}/review/queues/flagged/tasks/${task.task_id}/claim`, {
      method: 'POST',
      headers,
    });
    expect(claimed.status).toBe(200);
    const decided = await fetch(`${api}/review/queues/flagged/tasks/${task.task_id}/decision`, {
      method: 'POST',
      headers,
      // Confirmed: a harassment post the classifier also reads as a credible threat is an urgent task,
      // whose final decisions need the confirmation a moderator gives in the dashboard's dialog.
      body: JSON.stringify({ decision: 'remove', reason_code: 'harassment', confirmed: true }),
    });
    expect(decided.status).toBe(200);

    const key = `${TENANT}:${postId}`;
    await platform.until(
      () =>
        verdictsFor(key, 'human').length > 0 &&
        platform.webhooks.some((w) => keyOf(w.verdict) === key && w.verdict.source === 'human'),
      'the human verdict on the topic and as a webhook',
    );
    const [human, ...more] = verdictsFor(key, 'human');
    expect(more).toEqual([]);
    expect(human).toMatchObject({
      source: 'human',
      actions: [expect.objectContaining({ action: 'remove' })],
      review: expect.objectContaining({ decision: 'remove', reason_code: 'harassment' }),
    });
    const hook = platform.webhooks.find((w) => keyOf(w.verdict) === key && w.verdict.source === 'human')!;
    expect(hook.via.verified).toBe(true);
    expect(hook.verdict.verdict_id).toBe(human!.verdict_id);
  });

  it('loses no post when the classifier is killed mid-run and started again', async () => {
    const images = ['chelsea.png', 'astronaut.png', 'rocket.jpg', 'motorcycle_left.png', 'meme-coffee.png'];
    const load: PostV1Input[] = Array.from({ length: 60 }, (_, i) => ({
      schema_version: 1,
      tenant_id: TENANT,
      post_id: `load-${i}-${runId}`,
      revision: 0,
      created_at: new Date().toISOString(),
      author: `user-${i % 7}`,
      text: `Post number ${i} from the load: ${['a quiet morning', 'new bike', 'our cat', 'launch day'][i % 4]}`,
      media:
        i % 2 === 0
          ? [
              {
                media_id: 'photo',
                kind: 'image',
                source: { url: platform.mediaUrl(images[i % images.length]!) },
              },
            ]
          : [],
    }));
    const keys = load.map((p) => postKey(p.tenant_id, p.post_id));
    const arrived = () => keys.filter((k) => verdictsFor(k).length > 0).length;
    await platform.publish(load);
    await platform.until(() => arrived() >= 3, 'the first verdicts of the load');
    const classifier = pipeline.services.classifier;
    await classifier.kill('SIGKILL');
    const atKill = arrived();
    // The crash happened mid-run: part of the load was still to be classified.
    expect(atKill).toBeLessThan(keys.length);
    await classifier.start();
    await platform.until(() => arrived() === keys.length, 'a verdict for every post of the load', 180_000);
    // Let redeliveries of what the killed worker had not committed come through before counting.
    await new Promise((r) => setTimeout(r, 3_000));

    for (const key of keys) expect(verdictsFor(key), key).toHaveLength(1);
    const stored = await db.query<{ post_id: string; n: string }>(
      `SELECT post_id, count(*) AS n FROM verdicts WHERE tenant_id = $1 AND source = 'model' AND post_id LIKE 'load-%' GROUP BY post_id`,
      [TENANT],
    );
    expect(stored.rows).toHaveLength(keys.length);
    expect(stored.rows.every((r) => Number(r.n) === 1)).toBe(true);
    console.log(`classifier killed after ${atKill}/${keys.length} verdicts; all ${keys.length} arrived once`);
  });
});
