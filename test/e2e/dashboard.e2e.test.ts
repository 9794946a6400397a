/// <reference lib="dom" />
/**
 * The review dashboard end to end, in a real browser: the moderation service as built (dist, serving the
 * built dashboard), its results and posts consumers on the real broker, PostgreSQL, a platform's media
 * server and webhook receiver on 127.0.0.1, and Debian's Chromium driven by playwright-core. A moderator
 * logs in, opens a queue, sees the image blurred, reveals it, removes the post with two keystrokes; the
 * test then checks the human verdict row, the audit entry and the signed webhook the platform received.
 * Screenshots of the queue and item views go to test-artifacts/dashboard/ (UPDATE_DOCS_SCREENSHOT=1 also
 * refreshes docs/dashboard-item.png for the README).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CATEGORY_IDS,
  encodeInternal,
  internalHeaders,
  postKey,
  RequestBinder,
  requestId,
  severityOf,
  TOPICS,
  topicName,
  type CategoryId,
  type InferenceResult,
  type PostV1Input,
  type VerdictV1,
} from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import axe from 'axe-core';
import { testBroker, uniqueName } from '@vigil/kafka/testing';
import { eventually, freePort, ServiceProcess } from '@vigil/platform/testing';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationCli, ROOT } from '../../infra/stack/pipeline';

const SERVICE = join(ROOT, 'services', 'moderation', 'dist', 'main.js');
const DASHBOARD = join(ROOT, 'services', 'dashboard', 'dist');
const PHOTO = join(ROOT, '.data', 'photos', 'coffee.png');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'dashboard');
const DOCS_SCREENSHOT = join(ROOT, 'docs', 'dashboard-item.png');
const CHROMIUM = '/usr/bin/chromium';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vigil_test';
const TENANT = 'northwind';
// Moderation records only results bound to a request ingest issued (REQUEST_BINDING_KEYS); the test
// stands in for ingest and the classifier, so it signs each result with the same test key.
const REQUEST_BINDING_KEYS = `e2e:${randomBytes(32).toString('base64')}`;
const binder = RequestBinder.fromKeyring(REQUEST_BINDING_KEYS);
const PASSWORD = 'e2e moderator passphrase';

const prefix = `${uniqueName('dash')}.`;
const schema = `dashboard_e2e_${randomBytes(4).toString('hex')}`;
const broker = testBroker(BROKERS.split(','));
const settings = broker.settings('dashboard-e2e');
let service: ServiceProcess;
let baseUrl: string;
let browser: Browser;
let page: Page;
let db: pg.Client;
let platform: Server;
let platformUrl: string;
const hooks: { headers: IncomingHttpHeaders; body: string }[] = [];

const env = () => ({
  ...broker.env(),
  KAFKA_TOPIC_PREFIX: prefix,
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
});

/** Runs the moderation CLI as an operator would (the compiled one); returns stdout. */
const cli = (args: string[], stdin?: string): Promise<string> => moderationCli(env(), args, stdin);

/** A classifier result for the post: scores (caption-attributed unless media says otherwise). */
function result(
  postId: string,
  options: {
    caption: string;
    lang: string;
    scores: Partial<Record<CategoryId, number>>;
    priority?: 'low' | 'normal' | 'high';
    image?: boolean;
    endpointId?: string;
  },
): InferenceResult {
  const notCovered: CategoryId[] = options.image ? ['sexual', 'sexual/minors', 'violence/graphic'] : [];
  const unbound: InferenceResult = {
    schema_version: 1,
    request_id: requestId(TENANT, postId, 0),
    tenant_id: TENANT,
    post_id: postId,
    revision: 0,
    trace_id: randomBytes(16).toString('hex'),
    received_at: Date.now() - 2_000,
    created_at: new Date(Date.now() - 60_000).toISOString(),
    priority: options.priority ?? 'normal',
    status: 'ok',
    errors: [],
    caption: { text: options.caption, lang: options.lang, lang_confidence: 0.95 },
    scores: CATEGORY_IDS.filter((c) => !notCovered.includes(c)).map((category) => {
      const score = options.scores[category] ?? 0.02;
      return {
        category,
        score,
        severity: severityOf(score),
        attribution: score >= 0.2 ? [{ modality: 'caption' as const, weight: 1 }] : [],
      };
    }),
    coverage: { covered: CATEGORY_IDS.filter((c) => !notCovered.includes(c)), not_covered: notCovered },
    media: options.image
      ? [
          {
            media_id: 'photo-1',
            kind: 'image',
            status: 'ok',
            sha256: undefined,
            alt_text: {
              text: 'A cup of coffee with latte art on a saucer',
              decorative: false,
              confidence: 0.7,
            },
            ocr: [],
            objects: [{ label: 'cup', score: 0.91, box: [90, 60, 420, 380] }],
          },
        ]
      : [],
    hash_matches: [],
    experts: [{ expert: 'text', ran: true, ms: 9 }],
    bundle: { name: 'vigil-base', version: 'e2e' },
    provider: 'cpu',
    routing: 'routed',
    timings: { classifier_ms: 40 },
    ...(options.endpointId
      ? { callback: { endpoint_id: options.endpointId, correlation_id: `c-${postId}` } }
      : {}),
  };
  return { ...unbound, request_binding: binder.sign(unbound) };
}

beforeAll(async () => {
  for (const [what, path] of [
    ['the moderation service build (npm run build)', SERVICE],
    ['the dashboard build (npm run build)', join(DASHBOARD, 'index.html')],
    ['Debian Chromium (apt-get install chromium)', CHROMIUM],
    ['the sample photos (infra/data/photos.sh)', PHOTO],
  ] as const) {
    if (!existsSync(path)) throw new Error(`missing ${what}: ${path}`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });

  // The platform: serves the post's photo and receives webhooks.
  const photo = readFileSync(PHOTO);
  platform = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/media/coffee.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(photo);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;

  service = new ServiceProcess({
    name: 'moderation',
    entry: SERVICE,
    cwd: ROOT,
    port: await freePort(),
    env: {
      ...env(),
      RESULTS_GROUP_ID: uniqueName('e2e-results'),
      REQUEST_BINDING_KEYS,
      MEDIA_GROUP_ID: uniqueName('e2e-media'),
      WEBHOOK_EGRESS_ALLOW: '127.0.0.1',
      REVIEW_MEDIA_EGRESS_ALLOW: '127.0.0.1',
      WEBHOOK_POLL_INTERVAL: '100ms',
      OUTBOX_POLL_INTERVAL: '100ms',
      SESSION_COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
    },
    logFile: join(ARTIFACTS, 'moderation.log'),
  });
  baseUrl = service.url;
  await service.start();

  db = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await db.connect();
}, 180_000);

afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await service?.kill('SIGTERM');
  await new Promise((r) => platform?.close(r));
  if (db) {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
  }
  await new TopicAdmin(settings).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
});

/**
 * WCAG 2.2 A/AA problems axe-core finds on the current page (labels, contrast, roles, names).
 * Evaluated through the DevTools protocol, so the dashboard's CSP (scripts from its origin only) stays on.
 */
async function accessibilityViolations(): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
  return violations;
}

/** Saves a screenshot under test-artifacts/dashboard/. */
async function shot(name: string): Promise<Buffer> {
  const png = await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  return png;
}

describe('review dashboard in Chromium', () => {
  let secret: string;
  let endpointId: string;

  beforeAll(async () => {
    // Operator set-up with the CLI: a moderator in the model-flags queue, a platform token.
    const created = await cli(
      [
        'moderator',
        'create',
        '--username',
        'mia',
        '--name',
        'Mia Moderator',
        '--role',
        'moderator',
        '--queues',
        'flagged',
        '--password-stdin',
      ],
      PASSWORD,
    );
    expect(created).toContain('moderator mia (moderator, queues: flagged)');
    const token = /\n(vgl_\S+)/.exec(
      await cli(['token', 'create', '--tenant', TENANT, '--scopes', 'webhooks:manage']),
    )![1]!;

    // The platform registers its webhook receiver.
    const registered = await fetch(`${baseUrl}/v1/tenants/${TENANT}/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${platformUrl}/hooks/vigil` }),
    });
    expect(registered.status).toBe(201);
    ({ endpoint_id: endpointId, secret } = (await registered.json()) as {
      endpoint_id: string;
      secret: string;
    });

    // Posts as the platform published them (media URLs) and the classifier's results for them.
    const post: PostV1Input = {
      schema_version: 1,
      post_id: 'p-coffee',
      tenant_id: TENANT,
      revision: 0,
      created_at: new Date().toISOString(),
      author: 'user-381',
      text: 'Nobody wants you here, loser. Log off and stay off.',
      media: [{ media_id: 'photo-1', kind: 'image', source: { url: `${platformUrl}/media/coffee.png` } }],
      callback: { endpoint_id: endpointId },
    };
    const producer = new RecordProducer(settings);
    await producer.send(topicName(TOPICS.posts, prefix), [
      { key: postKey(TENANT, post.post_id), value: JSON.stringify(post) },
    ]);
    const results = [
      result('p-coffee', {
        caption: post.text!,
        lang: 'en',
        scores: { harassment: 0.78, profanity: 0.31 },
        priority: 'high',
        image: true,
        endpointId,
      }),
      result('p-de-17', {
        caption: 'Diese Leute gehören nicht in unser Land, schickt sie alle zurück.',
        lang: 'de',
        scores: { hate: 0.66 },
      }),
      result('p-es-4', {
        caption: 'ya no aguanto más, esta noche se acaba todo',
        lang: 'es',
        scores: { 'self-harm': 0.52, 'self-harm/intent': 0.47 },
      }),
    ];
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      results.map((r) => ({
        key: postKey(r.tenant_id, r.post_id),
        value: encodeInternal(r),
        headers: internalHeaders('inference-result.v1'),
      })),
    );
    await producer.disconnect();
    await eventually(async () => {
      const tasks = await db.query('SELECT count(*)::int AS n FROM review_tasks');
      const sources = await db.query('SELECT count(*)::int AS n FROM media_sources');
      return tasks.rows[0].n === 3 && sources.rows[0].n === 1;
    }, 'the review tasks and the media source');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 180_000);

  it('logs in, opens a queue, reveals a blurred image and removes the post with two keystrokes', async () => {
    const notFound: string[] = [];
    page.on('response', (res) => {
      if (res.status() === 404) notFound.push(res.url());
    });
    await page.goto(`${baseUrl}/dashboard/`);
    await page.getByLabel('Username').fill('mia');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.getByRole('link', { name: 'Model flags' }).click();
    await expect.poll(() => page.locator('table.tasks tbody tr').count()).toBe(3);
    // Queue order: the high-priority post first.
    expect(await page.locator('table.tasks tbody tr').first().textContent()).toContain(
      'Nobody wants you here',
    );
    await shot('queue');
    expect(await accessibilityViolations()).toEqual([]);

    await page.keyboard.press('n'); // start reviewing: claims the next task
    await page.getByRole('heading', { name: `${TENANT}/p-coffee` }).waitFor();
    const figure = page.locator('figure.media[data-media-id="photo-1"]');
    const image = figure.getByRole('img', { name: 'A cup of coffee with latte art on a saucer' });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(100);
    expect(await figure.getAttribute('data-blurred')).toBe('true');
    expect(await image.evaluate((img) => getComputedStyle(img).filter)).toMatch(
      /blur\(28px\) grayscale\(1\)/,
    );
    await expect
      .poll(() => figure.getByRole('button', { name: /Show image/ }).textContent())
      .toContain('sexual not assessed');
    const itemPng = await shot('item-blurred');
    expect(await accessibilityViolations()).toEqual([]);

    await figure.getByRole('button', { name: /Show image/ }).click();
    expect(await figure.getAttribute('data-blurred')).toBe('false');
    await expect.poll(() => image.evaluate((img) => getComputedStyle(img).filter)).toBe('none');

    await page.keyboard.press('r');
    await page.getByRole('list', { name: 'Reason to remove' }).waitFor();
    await shot('item-revealed-remove');
    await page.keyboard.press('2'); // remove › Harassment or bullying
    // After the decision the next task is claimed and shown, with the outcome announced.
    await page.getByRole('heading', { name: new RegExp(`${TENANT}/p-(de-17|es-4)`) }).waitFor();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 })
      .toContain('Remove: Harassment or bullying. Saved.');

    const verdicts = await db.query(
      `SELECT verdict_id, source, strongest_action, supersedes, payload FROM verdicts WHERE post_id = 'p-coffee' ORDER BY seq`,
    );
    expect(verdicts.rows.map((r) => r.source)).toEqual(['model', 'human']);
    const human = verdicts.rows[1];
    expect(human).toMatchObject({ strongest_action: 'remove', supersedes: verdicts.rows[0].verdict_id });
    expect((human.payload as VerdictV1).review).toMatchObject({
      decision: 'remove',
      reason_code: 'harassment',
    });

    const audit = await db.query(`SELECT action, after FROM audit_log WHERE action = 'review.decided'`);
    expect(audit.rows).toEqual([
      expect.objectContaining({
        after: expect.objectContaining({ verdict_id: human.verdict_id, reason_code: 'harassment' }),
      }),
    ]);

    const delivery = await eventually(
      async () =>
        hooks.find((h) => (JSON.parse(h.body) as { data: VerdictV1 }).data.verdict_id === human.verdict_id),
      'the webhook with the human verdict',
    );
    const event = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
      type: string;
      data: VerdictV1;
    };
    expect(event.type).toBe('verdict.created');
    expect(event.data).toMatchObject({
      source: 'human',
      post_id: 'p-coffee',
      actions: [{ action: 'remove', rule: 'human.remove', category: 'harassment' }],
      correlation_id: 'c-p-coffee',
    });

    // Q gives the claimed task back to the queue: N then claims the same task again instead of skipping it.
    const current = /p-(de-17|es-4)/.exec((await page.getByRole('heading', { level: 1 }).textContent())!)![0];
    await page.keyboard.press('q');
    await page.locator('table.tasks').waitFor();
    await expect
      .poll(
        async () => (await db.query(`SELECT status FROM review_tasks WHERE post_id = $1`, [current])).rows,
      )
      .toEqual([{ status: 'open' }]);
    await page.keyboard.press('n');
    await page.getByRole('heading', { name: new RegExp(`${TENANT}/${current}`) }).waitFor();

    // A moderator who opens an admin URL is told so, not shown a blank page.
    await page.goto(`${baseUrl}/dashboard/admin`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    // The page declares its icon: no favicon request that 404s.
    expect(notFound.filter((url) => url.includes('favicon'))).toEqual([]);

    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(
        DOCS_SCREENSHOT,
        await sharp(itemPng).png({ palette: true, quality: 80, compressionLevel: 9 }).toBuffer(),
      );
    }
  });
});
