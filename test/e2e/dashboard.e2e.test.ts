/// <reference lib="dom" />
/**
 * The review dashboard end to end, in a real browser: the moderation service as built (dist, serving the
 * built dashboard), its results and posts consumers on the real broker, PostgreSQL, a platform's media
 * server and webhook receiver on 127.0.0.1, and Debian's Chromium driven by playwright-core. A moderator
 * logs in, opens a queue, sees the image blurred, reveals it, removes the post with two keystrokes; the
 * test then checks the human verdict row, the audit entry and the signed webhook the platform received.
 * A team lead reads the Team page and confirms a role change. Later a second moderator selects tasks with
 * the keyboard and decides them in one go (bulk decision), warns an author, sets their wellness options,
 * and decides a wave of identical posts as one group (S selects the group). Then, keyboard only, he logs
 * out and in again, works a queue that mixes a model flag, a user report and an appeal (opened through
 * the platform API), and mutes and suspends an author, lifting the mute again. Last, one continuous
 * keyboard-only shift on one queue (bulk decision, decide and undo, warn the author, release and take the
 * next); a high-priority report's pill, same-media and similar-image groups and a video's per-frame text;
 * and the Team page's overturn rate, agreement with the model, SLA breaches and audit filter.
 * Screenshots of each screen go to test-artifacts/dashboard/ (UPDATE_DOCS_SCREENSHOT=1 also refreshes
 * the docs/dashboard-*.png images of docs/review-dashboard.md).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
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
  type MediaResult,
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
/** A port nothing listens on: the second image's source. */
let deadPort: number;
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
    /** A second image whose source cannot be reached (the item view's media error). */
    brokenImage?: boolean;
    /** The post's media as the classifier saw them, in place of `image` (every category covered). */
    media?: MediaResult[];
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
    media: options.media
      ? options.media
      : options.image
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
              ocr: [
                {
                  text: 'NOBODY WANTS YOU HERE',
                  confidence: 0.93,
                  box: [
                    [40, 12],
                    [480, 12],
                    [480, 60],
                    [40, 60],
                  ],
                },
              ],
              objects: [{ label: 'cup', score: 0.91, box: [90, 60, 420, 380] }],
            },
            ...(options.brokenImage
              ? [{ media_id: 'photo-2', kind: 'image' as const, status: 'ok' as const }]
              : []),
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
  deadPort = await freePort();

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
      REVIEW_UNDO_WINDOW: '4s',
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

/**
 * One password login to the service from client address `address` (any 127.0.0.0/8 address on Linux:
 * another machine, for the login throttle); its HTTP status.
 */
function loginFrom(address: string, username: string, password: string): Promise<number> {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/review/session`,
      {
        method: 'POST',
        localAddress: address,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-vigil-csrf': '1',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Logs the browser out (when logged in) and in as `username`. Waits for the login form itself before
 * typing: the admin page has a "Username" field of its own (new accounts), and filling it while logout
 * is still re-rendering left the login form empty (fresh-ci on 660e04e). Throws unless the login POST
 * answers 2xx.
 */
async function logIn(username: string): Promise<void> {
  const logOut = page.getByRole('button', { name: 'Log out' });
  if (await logOut.count()) {
    await logOut.click();
    await logOut.waitFor({ state: 'detached' });
  }
  const logInButton = page.getByRole('button', { name: 'Log in' });
  await logInButton.waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/review/session') && r.request().method() === 'POST'),
    logInButton.click(),
  ]);
  expect(response.status(), `login as ${username}`).toBeLessThan(300);
  await logOut.waitFor();
}

/** Whether `target` has the keyboard focus. */
function isFocused(target: ReturnType<Page['locator']>): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/** Presses Tab (or Shift+Tab) until `target` has the focus (keyboard only, whatever comes before it). */
async function tabTo(target: ReturnType<Page['locator']>, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${String(target)}`);
}

/**
 * A review API client with its own session (a password login over HTTP, not the browser's): for
 * set-up an admin does over the API, such as creating a queue. Returns `(method, path, body?)` → Response.
 */
async function apiSession(
  username: string,
): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
  const login = await fetch(`${baseUrl}/review/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-vigil-csrf': '1' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status, `API login as ${username}`).toBeLessThan(300);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return (method, path, body) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-vigil-csrf': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

/**
 * Presses a decision key until its reason list shows (pressing it again chooses the same decision). One
 * local run of five saw a first R ignored right after an item opened; each ignored press is logged with
 * the element that had the focus, so a real cause shows up in the output instead of a 30 s timeout.
 */
async function chooseDecision(key: string, reasons: ReturnType<Page['locator']>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await reasons.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'none');
      console.warn(`dashboard e2e: ${key} press ${attempt} showed no reasons; focus on ${focused}`);
      if (attempt === 5) throw error;
    }
  }
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
    await cli(
      [
        'moderator',
        'create',
        '--username',
        'lena',
        '--name',
        'Lena Lead',
        '--role',
        'admin',
        '--queues',
        'flagged',
        '--password-stdin',
      ],
      PASSWORD,
    );
    await cli(
      [
        'moderator',
        'create',
        '--username',
        'max',
        '--name',
        'Max Moderator',
        '--role',
        'moderator',
        '--queues',
        'flagged',
        '--password-stdin',
      ],
      PASSWORD,
    );
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
      media: [
        { media_id: 'photo-1', kind: 'image', source: { url: `${platformUrl}/media/coffee.png` } },
        {
          media_id: 'photo-2',
          kind: 'image',
          source: { url: `http://127.0.0.1:${deadPort}/media/gone.png` },
        },
      ],
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
        brokenImage: true,
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
      return tasks.rows[0].n === 3 && sources.rows[0].n === 2;
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
    // Wrong passwords for mia from another address lock out that address, not mia (no account-wide lock).
    const attempts: number[] = [];
    for (let i = 0; i < 6; i++) attempts.push(await loginFrom('127.0.0.2', 'mia', `wrong password ${i}`));
    expect(attempts).toEqual([401, 401, 401, 401, 401, 429]);

    await page.goto(`${baseUrl}/dashboard/`);
    await page.getByLabel('Username').waitFor();
    await shot('login');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-login.png');
    await page.getByLabel('Username').fill('mia');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    // Home: the queues Mia is a member of.
    await page.getByRole('link', { name: 'Model flags' }).waitFor();
    await shot('queues');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-queues.png');
    await page.getByRole('link', { name: 'Model flags' }).click();
    await expect.poll(() => page.locator('table.tasks tbody tr').count()).toBe(3);
    // Triage by severity: self-harm with intent (minutes) first, the insult (a day) last, whatever the
    // arrival priority; each row shows its tier and response time.
    const rows = page.locator('table.tasks tbody tr');
    expect(await rows.first().textContent()).toMatch(/urgent15 min SLA.*ya no aguanto/);
    expect(await rows.last().textContent()).toMatch(/routine24 h SLA.*Nobody wants you here/);
    await shot('queue');
    expect(await accessibilityViolations()).toEqual([]);
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-queue.png');

    // J moves down the rows to the insult, Enter opens it (opening claims it).
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr')?.textContent ?? '');
    for (let i = 0; i < 3 && !(await focusedRow()).includes('Nobody wants you here'); i++) {
      await page.keyboard.press('j');
    }
    expect(await focusedRow()).toContain('Nobody wants you here');
    await page.keyboard.press('Enter');
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
    // History timestamps: the locale's date and the 24 h time, like every time of the dashboard.
    const historyTimes = await page.locator('ol.history time').allTextContents();
    expect(historyTimes.length).toBeGreaterThan(0);
    for (const t of historyTimes) expect(t).toMatch(/^\S+ \d{2}:\d{2}$/);
    // What the classifier read in the image is shown beside it.
    expect(await figure.locator('figcaption').textContent()).toContain(
      'Text in image: NOBODY WANTS YOU HERE',
    );
    expect(await figure.locator('figcaption').textContent()).toContain('Objects: cup 0.91');
    // A medium whose source is down: said in words, without the internal address or socket error.
    const broken = page.locator('figure.media[data-media-id="photo-2"]');
    await expect
      .poll(() => broken.textContent())
      .toContain('Media not available: the media source could not be reached');
    expect(await broken.textContent()).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    // Nothing to hide there: the error is in plain sight, not blurred under a "Show image" button.
    await expect.poll(() => broken.getAttribute('data-blurred')).toBe('false');
    expect(await broken.getByRole('button', { name: /Show image/ }).count()).toBe(0);
    expect(await broken.locator('.media-missing').isVisible()).toBe(true);
    expect(await broken.locator('.media-missing').evaluate((p) => getComputedStyle(p).filter)).toBe('none');
    const itemPng = await shot('item-blurred');
    expect(await accessibilityViolations()).toEqual([]);

    await page.keyboard.press('v'); // shows the sensitive media
    await expect.poll(() => figure.getAttribute('data-blurred')).toBe('false');
    await expect.poll(() => image.evaluate((img) => getComputedStyle(img).filter)).toBe('none');

    await page.keyboard.press('r');
    await page.getByRole('list', { name: 'Reason to remove' }).waitFor();
    await shot('item-revealed-remove');
    await page.keyboard.press('2'); // remove › Harassment or bullying
    // After the decision the next (most urgent) task is claimed and shown, its heading focused and the
    // outcome and the new item announced in the live region.
    await page.getByRole('heading', { name: `${TENANT}/p-es-4` }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain(`${TENANT}/p-es-4`);
    await expect
      .poll(() => page.locator('#announcer').textContent(), { timeout: 20_000 })
      .toMatch(
        // The task's categories: self-harm/intent (reviewed) and self-harm (the model acts on it too).
        new RegExp(
          `^Remove: Harassment or bullying\\. Saved\\. Now reviewing ${TENANT}/p-es-4, self-harm, self-harm/intent\\.$`,
        ),
      );
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Remove: Harassment or bullying. Saved.',
    );

    // Undo: the bar offers the last decision while its verdict is held; U takes it back, unpublished,
    // reopens p-coffee claimed by us and gives p-es-4 back to the queue.
    const undoBar = page.getByRole('group', { name: 'Undo the last decision' });
    expect(await undoBar.textContent()).toContain(`Remove: Harassment or bullying on ${TENANT}/p-coffee`);
    await shot('undo');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-undo.png');
    await page.keyboard.press('u');
    await page.getByRole('heading', { name: `${TENANT}/p-coffee` }).waitFor();
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toBe(
        `Undone: Remove: Harassment or bullying on ${TENANT}/p-coffee. Decide again. Now reviewing ${TENANT}/p-coffee, harassment.`,
      );
    const statusOf = async (post: string) =>
      (await db.query(`SELECT status FROM review_tasks WHERE post_id = $1`, [post])).rows[0].status as string;
    expect(await statusOf('p-coffee')).toBe('claimed');
    expect(await statusOf('p-es-4')).toBe('open');
    expect(
      (await db.query(`SELECT source FROM verdicts WHERE post_id = 'p-coffee'`)).rows.map((r) => r.source),
    ).toEqual(['model']);
    // Decided again, for good this time.
    await page.keyboard.press('r');
    await page.getByRole('list', { name: 'Reason to remove' }).waitFor();
    await page.keyboard.press('2');
    await page.getByRole('heading', { name: `${TENANT}/p-es-4` }).waitFor();

    // On a phone (390 px) neither the item nor the queue scrolls sideways.
    const sideways = () =>
      page.evaluate(() => {
        // The elements sticking out past the right edge (outermost only, outside scrolling boxes).
        const clipped = (e: Element | null): boolean =>
          !!e &&
          e !== document.body &&
          (/(auto|scroll|hidden)/.test(getComputedStyle(e).overflowX) || clipped(e.parentElement));
        const out = Array.from(document.body.querySelectorAll('*')).filter(
          (e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(e.parentElement),
        );
        const outermost = out.filter((e) => !out.includes(e.parentElement!));
        return {
          scroll: document.documentElement.scrollWidth - window.innerWidth,
          out: outermost.map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`),
        };
      });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sideways()).toEqual({ scroll: 0, out: [] });
    const mobilePng = await shot('item-390');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-mobile.png', mobilePng);
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

    const audit = await db.query(
      `SELECT action, after FROM audit_log WHERE action IN ('review.decided', 'review.undone') ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['review.decided', 'review.undone', 'review.decided']);
    expect(audit.rows[2]).toMatchObject({
      after: expect.objectContaining({ verdict_id: human.verdict_id, reason_code: 'harassment' }),
    });

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
    // The undone decision never reached the platform: for p-coffee it received the model's verdict and
    // exactly one human verdict.created, the final one, never the undone one.
    const undoneVerdict = (audit.rows[0].after as { verdict_id: string }).verdict_id;
    expect(undoneVerdict).toMatch(/^[0-9a-f-]{36}$/);
    expect(undoneVerdict).not.toBe(human.verdict_id);
    const coffeeVerdicts = hooks
      .map((h) => JSON.parse(h.body) as { type: string; data: Partial<VerdictV1> })
      .filter((e) => e.type === 'verdict.created' && e.data.post_id === 'p-coffee');
    expect(coffeeVerdicts.filter((e) => e.data.source === 'human').map((e) => e.data.verdict_id)).toEqual([
      human.verdict_id,
    ]);
    expect(coffeeVerdicts.map((e) => e.data.verdict_id).sort()).toEqual(
      [verdicts.rows[0].verdict_id, human.verdict_id].sort(),
    );
    expect(hooks.filter((h) => h.body.includes(undoneVerdict))).toEqual([]);

    // Live queue, recorded from here on: the server-sent events the page receives (DevTools protocol).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const sseMessages: { eventName: string; data: string; at: number }[] = [];
    cdp.on('Network.eventSourceMessageReceived', (e) =>
      sseMessages.push({ eventName: e.eventName, data: e.data, at: Date.now() }),
    );
    const sseOpened = page.waitForResponse((res) => res.url().endsWith('/review/queues/flagged/events'));

    // Q gives the claimed task back to the queue: N then claims the same task again instead of skipping it.
    const mounted = Date.now();
    await page.keyboard.press('q');
    await page.locator('table.tasks').waitFor();
    // Back on the queue, its heading has the focus (not the page's body).
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-title');
    // The queue page opened an EventSource on its events route (an event stream, not a poll); its list's
    // 15 s fallback refresh starts at the same time.
    const sse = await sseOpened;
    expect(sse.request().resourceType()).toBe('eventsource');
    expect(sse.status()).toBe(200);
    expect(sse.headers()['content-type']).toMatch(/^text\/event-stream/);
    expect(await sideways()).toEqual({ scroll: 0, out: [] });
    await shot('queue-390');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Live queue: a new flagged post appears, and the count badge follows, without waiting for the 15 s refresh.
    const badge = page.locator('#queue-title .badge');
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('2 waiting');
    const openCounts = (since: number) =>
      sseMessages
        .filter((m) => m.eventName === 'queue' && m.at >= since)
        .map((m) => (JSON.parse(m.data) as { open: number }).open);
    expect(openCounts(mounted)).toContain(2);
    const live = new RecordProducer(settings);
    const arrived = Date.now();
    await live.send(topicName(TOPICS.inferenceResults, prefix), [
      {
        key: postKey(TENANT, 'p-live'),
        value: encodeInternal(
          result('p-live', { caption: 'Ihr seid alle Abschaum', lang: 'de', scores: { hate: 0.66 } }),
        ),
        headers: internalHeaders('inference-result.v1'),
      },
    ]);
    await live.disconnect();
    // Within 5 s of the result: a `queue` event with the new count, the badge and the new row; all before
    // the list's fallback refresh first ran (15 s after the page opened), so the event stream brought them.
    await expect.poll(() => openCounts(arrived), { timeout: 5_000, interval: 100 }).toContain(3);
    await expect.poll(() => badge.textContent(), { timeout: 5_000, interval: 100 }).toBe('3 waiting');
    await expect.poll(() => page.locator('table.tasks tbody tr').count(), { timeout: 5_000 }).toBe(3);
    expect(Date.now() - arrived).toBeLessThan(5_000);
    expect(Date.now() - mounted).toBeLessThan(15_000);
    await cdp.detach();
    await expect
      .poll(async () => (await db.query(`SELECT status FROM review_tasks WHERE post_id = 'p-es-4'`)).rows)
      .toEqual([{ status: 'open' }]);
    await page.keyboard.press('n');
    await page.getByRole('heading', { name: `${TENANT}/p-es-4` }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toContain(`Now reviewing ${TENANT}/p-es-4`);

    // A moderator who opens an admin URL is told so, not shown a blank page.
    await page.goto(`${baseUrl}/dashboard/admin`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await shot('not-allowed');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-not-allowed.png');
    // The page declares its icon inline: no favicon request that 404s.
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    expect(notFound.filter((url) => url.includes('favicon'))).toEqual([]);

    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-item.png', itemPng);
  });

  it("a team lead reads the team's statistics and the audit log, filters it and exports it as CSV", async () => {
    // Mia still holds p-es-4 (claimed with N); logging out gives it back to the queue at once.
    const claimOf = async () =>
      (await db.query(`SELECT status, claimed_by FROM review_tasks WHERE post_id = 'p-es-4'`)).rows[0];
    expect((await claimOf()).status).toBe('claimed');
    await logIn('lena');
    expect(await claimOf()).toEqual({ status: 'open', claimed_by: null });
    await page.getByRole('link', { name: 'Team' }).click();
    const perModerator = page.getByRole('table', { name: 'Per moderator' });
    await perModerator.waitFor();
    // Opening the Team page puts the focus on its heading, as the other pages do.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('team-title');
    // Mia: one decision in force, one undone.
    const mia = perModerator.getByRole('row', { name: /Mia Moderator/ });
    // (Decided, median time, undone: the first three cells; the Team page may show more after them.)
    expect((await mia.getByRole('cell').allTextContents()).map((t) => t.trim()).slice(0, 3)).toEqual([
      '1',
      expect.stringMatching(/\d/) as unknown as string,
      '1',
    ]);
    expect(
      await page
        .getByRole('table', { name: 'Per queue' })
        .getByRole('row', { name: /Model flags/ })
        .textContent(),
    ).toContain('Model flags1');
    const audit = page.getByRole('table', { name: 'Audit log' });
    await expect.poll(() => audit.getByRole('row').count()).toBeGreaterThan(3);
    // Audit times: the locale's date and the 24 h time, as in the item history (no AM/PM).
    const auditTimes = await audit.locator('tbody tr td:first-child time').allTextContents();
    expect(auditTimes.length).toBeGreaterThan(0);
    for (const t of auditTimes) expect(t).toMatch(/^\S+ \d{2}:\d{2}$/);
    await page.getByLabel('Action').selectOption('review.undone');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(1);
    expect(await audit.locator('tbody tr').textContent()).toContain('review.undone');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('team');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe(
      'id,at,actor,actor_name,actor_username,tenant_id,action,summary,subject_type,subject_id,' +
        'subject_tenant,subject_post_id,subject_revision,before,after',
    );
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(',review.undone,');
  });

  it('an admin confirms a role change; the new-account form lines up its queue checkboxes', async () => {
    await page.getByRole('link', { name: 'Admin' }).click();
    const role = page.getByLabel('Role of mia');
    await role.selectOption('viewer');
    const confirm = page.getByRole('group', { name: 'Confirm the role change of mia' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Change mia from moderator to viewer?');
    await shot('admin-confirm');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-admin.png');
    const roleOf = async () =>
      (await db.query(`SELECT role FROM moderators WHERE username = 'mia'`)).rows[0].role;
    expect(await roleOf()).toBe('moderator');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await role.inputValue()).toBe('moderator');
    await role.selectOption('admin');
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(roleOf).toBe('admin');
    expect(await accessibilityViolations()).toEqual([]);

    // Each queue checkbox sits on the line of its name (centres within 3 px), not above it.
    const boxes = await page.locator('form.create label.inline').evaluateAll((labels) =>
      labels.map((l) => {
        const box = l.querySelector('input')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(l.lastChild!); // the queue's name
        const text = range.getBoundingClientRect();
        return { box: box.top + box.height / 2, text: text.top + text.height / 2 };
      }),
    );
    expect(boxes.length).toBeGreaterThan(2);
    for (const b of boxes) expect(Math.abs(b.box - b.text)).toBeLessThan(3);
    // The password's minimum length is said beside the field (its description), not only in a tooltip.
    const password = page.locator('form.create').getByLabel('Initial password');
    const help = await password.evaluate(
      (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(help).toBe('At least 12 characters.');
    expect(await page.locator('#password-help').isVisible()).toBe(true);
    await shot('admin');
  });

  it('decides several tasks at once with the keyboard: J/K move, X selects, D decides them with one reason', async () => {
    // From here on Max, a moderator (not an admin), works the queue. Lena logged out on the Admin page:
    // Max's login starts on the queue list (not "Not allowed"), its heading focused.
    expect(new URL(page.url()).pathname).toBe('/dashboard/admin');
    await logIn('max');
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    expect(await page.getByRole('heading', { name: 'Not allowed' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queues-title');
    // Mia is working on p-es-4: a bulk decision skips it and says so, it does not take it over.
    const [mia] = (await db.query(`SELECT moderator_id FROM moderators WHERE username = 'mia'`)).rows;
    await db.query(
      `UPDATE review_tasks SET status = 'claimed', claimed_by = $1, claim_expires_at = now() + interval '10 minutes',
         claimed_at = now() - interval '12 minutes'
       WHERE post_id = 'p-es-4'`,
      [mia.moderator_id],
    );
    await page.goto(`${baseUrl}/dashboard/queues/flagged`);
    const rows = page.locator('table.tasks tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('with Mia Moderator');
    // Since when she holds it: the claim's local start time and how long ago.
    expect(await rows.first().textContent()).toMatch(/with Mia Moderator since \d{2}:\d{2} \(1[2-4] min\)/);
    const posts = ['p-es-4', 'p-de-17', 'p-live'];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('j'); // the next row's link takes focus
      await page.keyboard.press('x'); // and that row is selected
    }
    for (const post of posts) {
      expect(await page.getByRole('checkbox', { name: `Select ${TENANT}/${post}` }).isChecked()).toBe(true);
    }
    expect(await page.getByRole('checkbox', { name: 'Select all on this page' }).isChecked()).toBe(true);
    // K goes back a row; X there toggles that row off and on again.
    await page.keyboard.press('k');
    await page.keyboard.press('x');
    await page.getByRole('button', { name: /^Decide 2 selected/ }).waitFor();
    await page.keyboard.press('x');
    await page.getByRole('button', { name: /^Decide 3 selected/ }).waitFor();

    await page.keyboard.press('d');
    const form = page.getByRole('form', { name: 'Decide 3 selected tasks' });
    await form.waitFor();
    await expect // the decision's first choice has the focus
      .poll(() =>
        form.getByRole('radio', { name: 'Approve' }).evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await page.keyboard.press('ArrowRight'); // Remove
    await form.getByRole('group', { name: 'Reason' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Hate speech, the first reason
    await page.keyboard.press('Tab');
    await page.keyboard.type('one campaign');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('queue-bulk');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-bulk.png');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Decide 3');
    await page.keyboard.press('Enter');

    // Both waiting tasks are decided and leave the queue; Mia's stays, with her. The outcome is listed
    // per task, announced in the live region, and its heading takes focus.
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toBe('Remove: Hate speech — 2 decided, 1 skipped.');
    const outcome = page.locator('.bulk-outcome');
    expect((await outcome.getByRole('listitem').allTextContents()).sort()).toEqual([
      `${TENANT}/p-de-17: decided`,
      `${TENANT}/p-es-4: skipped: Mia Moderator has this task`,
      `${TENANT}/p-live: decided`,
    ]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Remove: Hate speech — 2 decided, 1 skipped.',
    );
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/with Mia Moderator since \d{2}:\d{2} \(\d+ min\)/);
    await shot('queue-bulk-done');

    const decided = await db.query(
      `SELECT t.post_id, t.status, v.source, v.strongest_action, d.reason_code, d.notes, a.after->>'bulk_id' AS bulk_id
       FROM review_tasks t
       JOIN human_decisions d USING (task_id)
       JOIN verdicts v ON v.verdict_id = d.verdict_id
       JOIN audit_log a ON a.subject_id = t.task_id::text AND a.action = 'review.decided'
       WHERE t.post_id IN ('p-de-17', 'p-live') ORDER BY t.post_id`,
    );
    expect(decided.rows).toEqual([
      expect.objectContaining({
        post_id: 'p-de-17',
        status: 'resolved',
        source: 'human',
        strongest_action: 'remove',
      }),
      expect.objectContaining({
        post_id: 'p-live',
        status: 'resolved',
        source: 'human',
        strongest_action: 'remove',
      }),
    ]);
    expect(decided.rows.every((r) => r.reason_code === 'hate' && r.notes === 'one campaign')).toBe(true);
    expect(new Set(decided.rows.map((r) => r.bulk_id)).size).toBe(1);
    expect(decided.rows[0].bulk_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await db.query(`SELECT status, claimed_by FROM review_tasks WHERE post_id = 'p-es-4'`)).rows,
    ).toEqual([{ status: 'claimed', claimed_by: mia.moderator_id }]);
  });

  it("opens the author panel with O and warns the post's author with the keyboard: audited, signed webhook", async () => {
    // The platform's records of the two posts decided in bulk: the same author as p-coffee.
    const producer = new RecordProducer(settings);
    await producer.send(
      topicName(TOPICS.posts, prefix),
      ['p-de-17', 'p-live'].map((postId) => ({
        key: postKey(TENANT, postId),
        value: JSON.stringify({
          schema_version: 1,
          post_id: postId,
          tenant_id: TENANT,
          revision: 0,
          created_at: new Date().toISOString(),
          author: 'user-381',
          author_created_at: new Date(Date.now() - 12 * 86_400_000).toISOString(),
        } satisfies PostV1Input),
      })),
    );
    await producer.disconnect();
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM post_authors WHERE author = 'user-381'`,
      );
      return rows[0].n === 3;
    }, 'the authors of three posts');
    const [task] = (await db.query(`SELECT task_id FROM review_tasks WHERE post_id = 'p-coffee'`)).rows;
    await page.goto(`${baseUrl}/dashboard/queues/flagged/tasks/${task.task_id}`);
    await page.getByRole('heading', { name: `${TENANT}/p-coffee` }).waitFor();
    const panel = page.locator('section.author');
    await expect.poll(() => panel.textContent()).toContain('3 strikes'); // three removals, none undone
    expect(await panel.textContent()).toContain('account 12 days old'); // sent with the other posts

    await page.keyboard.press('o'); // opens the panel; the action's first field takes focus
    const form = page.getByRole('form', { name: 'Act on the author' });
    await form.waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.closest('label')?.textContent ?? '');
    await expect.poll(focused).toMatch(/^Action/);
    expect(await form.getByLabel('Action').inputValue()).toBe('warn');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Harass'); // the reason list's type-ahead
    expect(await form.getByLabel('Reason').inputValue()).toBe('harassment');
    await page.keyboard.press('Tab');
    await page.keyboard.type('third insult in a week');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('author');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-author.png');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Warn author');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toBe('Author warned: Harassment or bullying. The platform is notified.');
    await expect.poll(() => panel.textContent()).toContain('4 strikes');

    const [action] = (
      await db.query(`SELECT action_id, kind, reason_code, note, post_id FROM author_actions`)
    ).rows;
    expect(action).toMatchObject({
      kind: 'warn',
      reason_code: 'harassment',
      note: 'third insult in a week',
      post_id: 'p-coffee',
    });
    const audit = await db.query(
      `SELECT action, subject_type, subject_id, after FROM audit_log WHERE action LIKE 'author.%'`,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'author.warn',
        subject_type: 'author',
        subject_id: expect.stringMatching(/^[0-9a-f]{12}$/),
        after: expect.objectContaining({ action_id: action.action_id, webhook_deliveries: 1 }),
      }),
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain('user-381'); // only the pseudonym
    const delivery = await eventually(
      async () =>
        hooks.find((h) => h.headers['webhook-id'] === `msg_author_${action.action_id.replaceAll('-', '')}`),
      'the author.action webhook',
    );
    const event = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(event.type).toBe('author.action');
    expect(event.data).toMatchObject({
      action_id: action.action_id,
      tenant_id: TENANT,
      author: 'user-381',
      kind: 'warn',
      reason_code: 'harassment',
      post: { post_id: 'p-coffee', revision: 0 },
    });
  });

  it('keyboard only: a moderator sets blur and greyscale, is offered a break after N graphic items, confirms a high-severity decision', async () => {
    // Two graphic tasks: an urgent one (self-harm with intent) with an image, and one about self-harm.
    const producer = new RecordProducer(settings);
    await producer.send(topicName(TOPICS.posts, prefix), [
      {
        key: postKey(TENANT, 'p-night'),
        value: JSON.stringify({
          schema_version: 1,
          post_id: 'p-night',
          tenant_id: TENANT,
          revision: 0,
          created_at: new Date().toISOString(),
          author: 'user-902',
          text: 'last night here, said goodbye to everyone',
          media: [{ media_id: 'photo-1', kind: 'image', source: { url: `${platformUrl}/media/coffee.png` } }],
        } satisfies PostV1Input),
      },
    ]);
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      [
        result('p-night', {
          caption: 'last night here, said goodbye to everyone',
          lang: 'en',
          scores: { 'self-harm/intent': 0.45 },
          image: true,
        }),
        result('p-cuts', { caption: 'the scars tell the story', lang: 'en', scores: { 'self-harm': 0.65 } }),
      ].map((r) => ({
        key: postKey(r.tenant_id, r.post_id),
        value: encodeInternal(r),
        headers: internalHeaders('inference-result.v1'),
      })),
    );
    await producer.disconnect();
    await eventually(async () => {
      const tasks = await db.query(
        `SELECT count(*)::int AS n FROM review_tasks WHERE post_id IN ('p-night', 'p-cuts')`,
      );
      const sources = await db.query(
        `SELECT count(*)::int AS n FROM media_sources WHERE post_id = 'p-night'`,
      );
      return tasks.rows[0].n === 2 && sources.rows[0].n === 1;
    }, 'the two graphic tasks and the image source');

    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

    // Header › Wellness: blur Low (8 px), greyscale off, a break after 2 graphic items.
    await page.goto(`${baseUrl}/dashboard/queues/flagged`);
    await page.locator('table.tasks').waitFor();
    await tabTo(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wellness' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Wellness', level: 1 }).waitFor();
    const blur = page.getByLabel('Blur');
    await expect.poll(() => blur.inputValue()).toBe('28');
    await tabTo(blur);
    await page.keyboard.press('ArrowUp'); // Medium
    await page.keyboard.press('ArrowUp'); // Low
    expect(await blur.inputValue()).toBe('8');
    await tabTo(page.getByLabel('Greyscale'));
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Greyscale').isChecked()).toBe(false);
    await tabTo(page.getByLabel('Suggest a break after this many graphic items'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#announcer').textContent()).toBe('Wellness settings saved.');
    // The blurred preview stays inside its box: the frame clips the blur's spread.
    const previewFrame = page.locator('.wellness-preview-frame');
    expect(await previewFrame.evaluate((el) => getComputedStyle(el).overflow)).toBe('hidden');
    expect(
      await previewFrame.evaluate((el) => el.contains(document.querySelector('.wellness-preview'))),
    ).toBe(true);
    const [max] = (await db.query(`SELECT moderator_id FROM moderators WHERE username = 'max'`)).rows;
    expect(
      (
        await db.query(
          `SELECT blur_px, greyscale, break_after FROM moderator_wellness WHERE moderator_id = $1`,
          [max.moderator_id],
        )
      ).rows,
    ).toEqual([{ blur_px: 8, greyscale: false, break_after: 2 }]);
    expect(await accessibilityViolations()).toEqual([]);
    await shot('wellness-settings');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-wellness-settings.png');
    const counter = page.locator('header .exposure');
    expect(await counter.textContent()).toBe('Graphic items 0/2');

    // N in the queue claims the urgent graphic item: its image gets the moderator's blur, no greyscale.
    await page.goBack();
    await page.locator('table.tasks').waitFor();
    await page.keyboard.press('n');
    await page.getByRole('heading', { name: `${TENANT}/p-night` }).waitFor();
    await expect.poll(() => counter.textContent()).toBe('Graphic items 1/2');
    const image = page.locator('figure.media[data-media-id="photo-1"] img');
    await image.waitFor();
    expect(await image.evaluate((img) => getComputedStyle(img).filter)).toBe('blur(8px) grayscale(0)');

    // R 6 (remove: self-harm promotion) on an urgent task asks for a confirmation; Esc cancels it.
    const dialog = page.getByRole('alertdialog', { name: 'Confirm: Remove: Self-harm promotion' });
    await page.keyboard.press('r');
    await page.keyboard.press('6');
    await dialog.waitFor();
    expect(await focusedText()).toContain('Confirm');
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toMatch(/^Confirm Remove: Self-harm promotion\?/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('#announcer').textContent()).toBe('Decision cancelled.');
    const decisionsOf = async (post: string) =>
      (
        await db.query(
          `SELECT d.decision, d.reason_code FROM human_decisions d JOIN review_tasks t USING (task_id) WHERE t.post_id = $1`,
          [post],
        )
      ).rows;
    expect(await decisionsOf('p-night')).toEqual([]);
    // Again, and Enter confirms: decided, and the next graphic item opens.
    await page.keyboard.press('r');
    await page.keyboard.press('6');
    await dialog.waitFor();
    expect(await accessibilityViolations()).toEqual([]);
    await shot('confirm');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-confirm.png');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `${TENANT}/p-cuts` }).waitFor();
    expect(await decisionsOf('p-night')).toEqual([{ decision: 'remove', reason_code: 'self_harm' }]);

    // The second graphic item: the count reaches 2 and the break prompt takes the focus and is announced.
    const prompt = page.getByRole('dialog', { name: 'Time for a break' });
    await prompt.waitFor();
    expect(await counter.textContent()).toBe('Graphic items 2/2');
    await expect.poll(focusedText).toBe('Take a break');
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toBe('You have opened 2 graphic items since your last break. Time for a short break?');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('wellness-break');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-wellness.png');
    // Keys in the prompt are not item shortcuts: R does not choose a decision.
    await page.keyboard.press('r');
    expect(await page.getByRole('list', { name: 'Reason to remove' }).count()).toBe(0);
    await page.keyboard.press('Enter'); // Take a break
    await prompt.waitFor({ state: 'detached' });
    await expect.poll(() => counter.textContent()).toBe('Graphic items 0/2');
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/^Break started/);
    expect(
      (
        await db.query(`SELECT count(*)::int AS n FROM moderator_exposures WHERE moderator_id = $1`, [
          max.moderator_id,
        ])
      ).rows[0].n,
    ).toBe(0);
    await page.keyboard.press('q'); // gives p-cuts back
    await page.locator('table.tasks').waitFor();
  });

  it('keyboard only: S selects a wave of identical posts (same caption) and D decides the group at once', async () => {
    // Three text-only posts with one caption, spaced and cased differently: one group of three.
    const wave = ['p-wave-1', 'p-wave-2', 'p-wave-3'];
    const captions = [
      'Send them all back where they came from',
      'send them ALL back  where they came from ',
      'SEND THEM ALL BACK\nWHERE THEY CAME FROM',
    ];
    const producer = new RecordProducer(settings);
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      wave.map((postId, i) => {
        const r = result(postId, { caption: captions[i]!, lang: 'en', scores: { hate: 0.66 } });
        return {
          key: postKey(r.tenant_id, r.post_id),
          value: encodeInternal(r),
          headers: internalHeaders('inference-result.v1'),
        };
      }),
    );
    await producer.disconnect();
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM review_tasks WHERE post_id = ANY($1::text[])`,
        [wave],
      );
      return rows[0].n === 3;
    }, 'the three identical tasks');

    await page.goto(`${baseUrl}/dashboard/queues/flagged`);
    const waveRows = page.locator('table.tasks tbody tr', { hasText: 'p-wave-' });
    await expect.poll(() => waveRows.count()).toBe(3);
    expect(await waveRows.locator('.group-badge').allTextContents()).toEqual([
      '×3 same caption',
      '×3 same caption',
      '×3 same caption',
    ]);
    expect(await accessibilityViolations()).toEqual([]);
    const others = await page.locator('table.tasks tbody tr').count();
    // J moves down until a row of the wave has the focus; S selects its whole group.
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr')?.textContent ?? '');
    for (let i = 0; i < others && !(await focusedRow()).includes('p-wave-'); i++) {
      await page.keyboard.press('j');
    }
    expect(await focusedRow()).toContain('p-wave-');
    await page.keyboard.press('s');
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toBe('Selected 3 tasks, ×3 same caption. D decides them.');
    await shot('queue-group');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-group.png');
    const checked = await page
      .locator('table.tasks tbody tr')
      .evaluateAll((trs) =>
        trs
          .filter((tr) => tr.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked)
          .map((tr) => /p-[\w-]+/.exec(tr.querySelector('.caption-cell .muted')?.textContent ?? '')?.[0]),
      );
    expect(checked.sort()).toEqual(wave);

    await page.keyboard.press('d');
    const form = page.getByRole('form', { name: 'Decide 3 selected tasks' });
    await form.waitFor();
    await page.keyboard.press('ArrowRight'); // Remove
    await form.getByRole('group', { name: 'Reason' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Hate speech
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Decide 3');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#announcer').textContent())
      .toBe('Remove: Hate speech — 3 decided.');
    await expect.poll(() => waveRows.count()).toBe(0);
    await shot('queue-group-done');

    const decided = await db.query(
      `SELECT t.post_id, t.status, d.reason_code, a.after->>'bulk_id' AS bulk_id
       FROM review_tasks t JOIN human_decisions d USING (task_id)
       JOIN audit_log a ON a.subject_id = t.task_id::text AND a.action = 'review.decided'
       WHERE t.post_id = ANY($1::text[]) ORDER BY t.post_id`,
      [wave],
    );
    expect(decided.rows.map((r) => [r.post_id, r.status, r.reason_code])).toEqual(
      wave.map((post) => [post, 'resolved', 'hate']),
    );
    expect(new Set(decided.rows.map((r) => r.bulk_id)).size).toBe(1);
  });

  it('keyboard only: logs out with Tab and Enter, logs in with typing, Tab and Enter, and out again with Shift+Tab', async () => {
    const logOut = page.getByRole('button', { name: 'Log out' });
    const loginForm = page.getByRole('form', { name: 'Vigil review' });
    const usernameField = loginForm.getByLabel('Username');
    const passwordField = loginForm.getByLabel('Password');
    const isLoginPost = (r: { url(): string; request(): { method(): string } }) =>
      r.url().endsWith('/review/session') && r.request().method() === 'POST';
    const liveSessions = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM moderator_sessions JOIN moderators USING (moderator_id)
           WHERE username = 'max' AND revoked_at IS NULL`,
        )
      ).rows[0].n as number;
    /** Log out is reached with `key` from wherever the focus is; Enter ends the session. */
    const logOutWithKeyboard = async (key: 'Tab' | 'Shift+Tab') => {
      await tabTo(logOut, key);
      await page.keyboard.press('Enter');
      await loginForm.waitFor();
      await logOut.waitFor({ state: 'detached' });
      // The login form puts the focus in Username: a keyboard user types at once.
      await expect.poll(() => isFocused(usernameField)).toBe(true);
      expect(await usernameField.inputValue()).toBe('');
      expect(await passwordField.inputValue()).toBe('');
      expect(await liveSessions()).toBe(0);
    };

    // Max (the last test's moderator) leaves from the queue list: Tab runs through the header to Log out.
    await page.goto(`${baseUrl}/dashboard/`);
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    expect(await liveSessions()).toBe(1);
    await logOutWithKeyboard('Tab');

    // Logged out: Username has the focus; type, Tab to Password, type, Enter. A wrong password first:
    // the form says so and keeps the focus in Password, where the right one is typed over it.
    await page.keyboard.type('max');
    await page.keyboard.press('Tab');
    expect(await isFocused(passwordField)).toBe(true);
    await page.keyboard.type('not the passphrase');
    const [refused] = await Promise.all([page.waitForResponse(isLoginPost), page.keyboard.press('Enter')]);
    expect(refused.status()).toBe(401);
    await loginForm.getByRole('alert').waitFor();
    expect(await loginForm.getByRole('alert').textContent()).toBe('Wrong username or password');
    await expect.poll(() => isFocused(passwordField)).toBe(true);
    expect(await accessibilityViolations()).toEqual([]);
    await shot('login-refused');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PASSWORD);
    const [accepted] = await Promise.all([page.waitForResponse(isLoginPost), page.keyboard.press('Enter')]);
    expect(accepted.status()).toBeLessThan(300);
    await logOut.waitFor();
    expect(await page.locator('header .whoami').textContent()).toBe('Max Moderator moderator');
    expect(await loginForm.count()).toBe(0);
    expect(await liveSessions()).toBe(1);

    // Out again, backwards this time: Shift+Tab from wherever the login left the focus.
    await logOutWithKeyboard('Shift+Tab');

    // And in again (the next test's moderator), keyboard only.
    await page.keyboard.type('max');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    const [again] = await Promise.all([page.waitForResponse(isLoginPost), page.keyboard.press('Enter')]);
    expect(again.status()).toBeLessThan(300);
    await logOut.waitFor();
    expect(await page.locator('header .whoami').textContent()).toBe('Max Moderator moderator');
  });

  it('keyboard only: works a mixed queue (a model flag, a user report, an appeal) with J/K, Enter and decision keys', async () => {
    // Set-up as the platform and an admin would: the platform may open appeals and user reports; Lena
    // creates a topic queue over every source (drugs and weapons trade) and adds Max to it.
    const platformToken = /\n(vgl_\S+)/.exec(
      await cli(['token', 'create', '--tenant', TENANT, '--scopes', 'appeals:write,reports:write']),
    )![1]!;
    const lena = await apiSession('lena');
    const created = await lena('POST', '/review/admin/queues', {
      queue_id: 'illicit',
      name: 'Illicit trade',
      description: 'Drugs and weapons: model flags, user reports and appeals',
      filter: { categories: ['illicit/drugs', 'illicit/weapons'], escalated: false },
      sla_seconds: 86_400,
    });
    expect(created.status).toBe(201);
    const [max] = (await db.query(`SELECT moderator_id FROM moderators WHERE username = 'max'`)).rows;
    const member = await lena('PATCH', `/review/admin/moderators/${max.moderator_id}`, {
      queues: ['flagged', 'illicit'],
    });
    expect(member.status).toBe(200);

    // Three classifier results (the platform's callback endpoint on each): a weapons sale the policy
    // sends to review, a brewery post it allows, a harm-reduction notice it removes outright.
    const posts = {
      flag: 'p-mix-flag',
      report: 'p-mix-report',
      appeal: 'p-mix-appeal',
    } as const;
    const producer = new RecordProducer(settings);
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      [
        result(posts.flag, {
          caption: 'Selling two unregistered pistols, cash only, DM me',
          lang: 'en',
          scores: { 'illicit/weapons': 0.74 },
          endpointId,
        }),
        result(posts.report, {
          caption: 'Brewery tour tonight: we are tasting all twelve beers',
          lang: 'en',
          scores: { 'illicit/drugs': 0.31 },
          endpointId,
        }),
        result(posts.appeal, {
          caption:
            'Harm reduction: never use alone, test your supply. Free naloxone at the clinic on 5th St.',
          lang: 'en',
          scores: { 'illicit/drugs': 0.93 },
          endpointId,
        }),
      ].map((r) => ({
        key: postKey(r.tenant_id, r.post_id),
        value: encodeInternal(r),
        headers: internalHeaders('inference-result.v1'),
      })),
    );
    await producer.disconnect();
    const modelVerdicts = await eventually(async () => {
      const { rows } = await db.query(
        `SELECT post_id, verdict_id, strongest_action FROM verdicts
         WHERE source = 'model' AND post_id = ANY($1::text[]) ORDER BY post_id`,
        [Object.values(posts)],
      );
      return (
        rows.length === 3 &&
        Object.fromEntries(
          rows.map((r) => [r.post_id as string, r as { verdict_id: string; strongest_action: string }]),
        )
      );
    }, 'the model verdicts of the three posts');
    expect(
      Object.fromEntries(Object.entries(modelVerdicts).map(([post, v]) => [post, v.strongest_action])),
    ).toEqual({ [posts.flag]: 'review', [posts.report]: 'allow', [posts.appeal]: 'remove' });

    // The platform sends a user's report of the allowed post and the author's appeal of the removal.
    const ask = (what: 'reports' | 'appeals', postId: string, body: object) =>
      fetch(`${baseUrl}/v1/tenants/${TENANT}/posts/${postId}/${what}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platformToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const reportStatement = 'Promotes drinking; my kids follow this account';
    const appealStatement = 'We are a public-health clinic: this is harm-reduction advice, not a sale';
    const report = await ask('reports', posts.report, {
      report_id: 'rep-77',
      category: 'illicit/drugs',
      statement: reportStatement,
    });
    expect(report.status).toBe(201);
    const appeal = await ask('appeals', posts.appeal, { appeal_id: 'apl-12', statement: appealStatement });
    expect(appeal.status).toBe(201);
    expect(await appeal.json()).toMatchObject({
      created: true,
      status: 'open',
      verdict_id: modelVerdicts[posts.appeal]!.verdict_id,
    });
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM review_tasks WHERE post_id = ANY($1::text[]) AND status = 'open'`,
        [Object.values(posts)],
      );
      return rows[0].n === 3;
    }, 'the three open tasks');

    // Max opens the new queue from the queue list with Tab and Enter: the three tasks, one per source.
    await page.goto(`${baseUrl}/dashboard/`);
    const queueLink = page.getByRole('link', { name: 'Illicit trade' });
    await queueLink.waitFor();
    await tabTo(queueLink);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Illicit trade/, level: 1 }).waitFor();
    // Opening a queue puts the focus on its heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-title');
    const rows = page.locator('table.tasks tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const rowOf = (postId: string) => rows.filter({ hasText: `${TENANT}/${postId}` });
    expect(await rowOf(posts.flag).textContent()).toContain('Model flag');
    expect(await rowOf(posts.report).textContent()).toContain('User report');
    expect(await rowOf(posts.appeal).textContent()).toContain('Appeal');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('queue-mixed');

    // ? shows the queue's keys, and hides them again.
    const help = page.getByRole('region', { name: 'Keyboard shortcuts' });
    await page.keyboard.press('?');
    await help.waitFor();
    expect(await help.textContent()).toContain('J/K next/previous task · Enter open it');
    await page.keyboard.press('?');
    await help.waitFor({ state: 'detached' });

    // J down to the report (routine: the last row), K up a row and J back; Enter opens (claims) it.
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr')?.textContent ?? '');
    for (let i = 0; i < 3 && !(await focusedRow()).includes(posts.report); i++) {
      await page.keyboard.press('j');
    }
    expect(await focusedRow()).toContain(posts.report);
    await page.keyboard.press('k');
    expect(await focusedRow()).toMatch(/p-mix-(flag|appeal)/);
    await page.keyboard.press('j');
    expect(await focusedRow()).toContain(posts.report);
    await page.keyboard.press('Enter');

    // Each task as it opens: its source, its statement, and the two keys that decide it. After a decision
    // the next task of the queue is claimed and opened, whichever of the other two comes first.
    const heading = page.locator('.item-head h1');
    const expected = {
      [posts.report]: {
        source: 'report',
        statement: ['Report statement', reportStatement],
        inForce: 'Verdict in force: model · allow',
        keys: ['g', '4'],
        reasons: 'Reason to age-restrict',
        said: 'Age-restrict: Drugs or alcohol use. Saved.',
      },
      [posts.flag]: {
        source: 'model flag',
        statement: null,
        inForce: 'Verdict in force: model · review',
        keys: ['r', '7'],
        reasons: 'Reason to remove',
        said: 'Remove: Drugs or weapons trade. Saved.',
      },
      [posts.appeal]: {
        source: 'appeal',
        statement: ['Appeal statement', appealStatement],
        inForce: 'Verdict in force: model · remove',
        keys: ['a', '2'],
        reasons: 'Reason to approve',
        said: 'Approve: Model mistake (false positive). Saved.',
      },
    };
    const decided: string[] = [];
    let said: string | null = null;
    /** The task the item view shows once it is one not decided yet, claimed by Max; its post id. */
    const shownTask = async () => {
      const waiting = Object.keys(expected).filter((p) => !decided.includes(p));
      await expect
        .poll(async () => /p-mix-\w+/.exec((await heading.textContent()) ?? '')?.[0])
        .toMatch(new RegExp(`^(${waiting.join('|')})$`));
      const postId = /p-mix-\w+/.exec((await heading.textContent())!)![0] as keyof typeof expected;
      await page.getByRole('heading', { name: `${TENANT}/${postId}` }).waitFor();
      await expect.poll(() => page.locator('.item-head .claim').textContent()).toMatch(/^claimed by you/);
      // The previous decision's outcome (when it led here), then this item, in the live region.
      const outcome = said ? `${said.replace(/[.()]/g, '\\$&')} ` : '';
      await expect
        .poll(() => page.locator('#announcer').textContent())
        .toMatch(new RegExp(`^${outcome}Now reviewing ${TENANT}/${postId}, illicit/`));
      return postId;
    };
    for (let i = 0; i < 3; i++) {
      const postId = await shownTask();
      if (i === 0) expect(postId).toBe(posts.report);
      if (i === 1) {
        // Q gives the second task back to the queue (two waiting again); N claims the queue's most urgent
        // task, which is that one again, not the one after it.
        await page.keyboard.press('q');
        await page.locator('table.tasks').waitFor();
        await expect.poll(() => rows.count()).toBe(2);
        await expect
          .poll(async () => (await rows.allTextContents()).every((t) => t.endsWith('waiting')))
          .toBe(true);
        said = null;
        await page.keyboard.press('n');
        expect(await shownTask()).toBe(postId);
      }
      const task = expected[postId];
      expect(await page.locator('.item-head .pill').first().textContent()).toBe(task.source);
      expect(await page.getByRole('region', { name: 'Why in review' }).textContent()).toContain(task.inForce);
      if (task.statement) {
        expect(await page.getByRole('region', { name: task.statement[0] }).textContent()).toContain(
          task.statement[1],
        );
      }
      if (i === 0) {
        if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-report.png');
        // ? lists the item's keys.
        await page.keyboard.press('?');
        await help.waitFor();
        expect(await help.textContent()).toContain('A approve, R remove, G age-restrict, E escalate');
        expect(await accessibilityViolations()).toEqual([]);
        await shot('item-report');
        await page.keyboard.press('?');
        await help.waitFor({ state: 'detached' });
      }
      await page.keyboard.press(task.keys[0]!);
      await page.getByRole('list', { name: task.reasons }).waitFor();
      await page.keyboard.press(task.keys[1]!);
      decided.push(postId);
      said = task.said;
    }
    // The queue is empty: back on its page, which says so after the last decision's outcome.
    await page.getByRole('heading', { name: /^Illicit trade/, level: 1 }).waitFor();
    await expect
      .poll(() => page.getByRole('main').getByRole('status').textContent())
      .toBe(`${said} The queue is empty.`);
    expect(await rows.count()).toBe(0);
    // The live region says so too (not "Now reviewing …" of the last item), and the queue's heading has the focus.
    await expect.poll(() => page.locator('#announcer').textContent()).toBe(`${said} The queue is empty.`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-title');

    // One human decision per task, each publishing a verdict in place of the one the task was about.
    const outcomes = await db.query(
      `SELECT t.post_id, t.kind, t.status, t.external_ref, t.statement, d.decision, d.reason_code,
              d.moderator_id, d.verdict_id, v.source, v.strongest_action, v.supersedes, t.verdict_id AS task_verdict
       FROM review_tasks t
       JOIN human_decisions d USING (task_id)
       JOIN verdicts v ON v.verdict_id = d.verdict_id
       WHERE t.post_id = ANY($1::text[]) ORDER BY t.post_id`,
      [Object.values(posts)],
    );
    const common = { status: 'resolved', moderator_id: max.moderator_id, source: 'human' };
    expect(outcomes.rows).toEqual([
      // The appeal is granted (overturned): the model's removal gives way to an allow.
      expect.objectContaining({
        ...common,
        post_id: posts.appeal,
        kind: 'appeal',
        external_ref: 'apl-12',
        statement: appealStatement,
        decision: 'approve',
        reason_code: 'model_error',
        strongest_action: 'allow',
        supersedes: modelVerdicts[posts.appeal]!.verdict_id,
        task_verdict: modelVerdicts[posts.appeal]!.verdict_id,
      }),
      expect.objectContaining({
        ...common,
        post_id: posts.flag,
        kind: 'policy',
        external_ref: null,
        decision: 'remove',
        reason_code: 'illicit_goods',
        strongest_action: 'remove',
        supersedes: modelVerdicts[posts.flag]!.verdict_id,
      }),
      // The report is upheld: the post the model allowed is age-restricted.
      expect.objectContaining({
        ...common,
        post_id: posts.report,
        kind: 'report',
        external_ref: 'rep-77',
        statement: reportStatement,
        decision: 'age_restrict',
        reason_code: 'drugs_or_alcohol',
        strongest_action: 'age_restrict',
        supersedes: modelVerdicts[posts.report]!.verdict_id,
        task_verdict: modelVerdicts[posts.report]!.verdict_id,
      }),
    ]);
    const opened = await db.query(
      `SELECT action, actor, after->>'external_ref' AS ref, after->>'post_id' AS post_id FROM audit_log
       WHERE action IN ('report.opened', 'appeal.opened') ORDER BY id`,
    );
    expect(opened.rows).toEqual([
      {
        action: 'report.opened',
        actor: expect.stringMatching(/^token:/),
        ref: 'rep-77',
        post_id: posts.report,
      },
      {
        action: 'appeal.opened',
        actor: expect.stringMatching(/^token:/),
        ref: 'apl-12',
        post_id: posts.appeal,
      },
    ]);
    // The team's statistics count the appeal as decided and overturned.
    const stats = await lena('GET', '/review/admin/stats');
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { appeals: unknown }).appeals).toEqual({
      decided: 1,
      overturned: 1,
      overturn_rate: 1,
    });
    // And the platform hears of both outcomes (once the undo window ends), signed.
    for (const [postId, action, decision, reasonCode] of [
      [posts.report, 'age_restrict', 'age_restrict', 'drugs_or_alcohol'],
      [posts.appeal, 'allow', 'approve', 'model_error'],
    ] as const) {
      const { verdict_id: verdictId } = outcomes.rows.find((r) => r.post_id === postId)!;
      const delivery = await eventually(
        async () =>
          hooks.find(
            (h) => (JSON.parse(h.body) as { data?: { verdict_id?: string } }).data?.verdict_id === verdictId,
          ),
        `the webhook with the human verdict on ${postId}`,
      );
      const event = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
        type: string;
        data: VerdictV1;
      };
      expect(event.type).toBe('verdict.created');
      expect(event.data).toMatchObject({
        source: 'human',
        post_id: postId,
        actions: [expect.objectContaining({ action, rule: `human.${decision}` })],
        review: { decision, reason_code: reasonCode, moderator_id: max.moderator_id },
        correlation_id: `c-${postId}`,
      });
    }
  });

  it('mutes and suspends the author from the author panel with the keyboard and lifts the mute with its Lift button', async () => {
    const [task] = (await db.query(`SELECT task_id FROM review_tasks WHERE post_id = 'p-coffee'`)).rows;
    const [max] = (await db.query(`SELECT moderator_id FROM moderators WHERE username = 'max'`)).rows;
    await page.goto(`${baseUrl}/dashboard/queues/flagged/tasks/${task.task_id}`);
    await page.getByRole('heading', { name: `${TENANT}/p-coffee` }).waitFor();
    const panel = page.locator('section.author');
    const announcer = page.locator('#announcer');
    await expect.poll(() => panel.textContent()).toContain('4 strikes'); // three removals and the warning

    const form = page.getByRole('form', { name: 'Act on the author' });
    const kind = form.getByLabel('Action');
    const duration = form.getByRole('combobox', { name: /^For\b/ });
    const reason = form.getByLabel('Reason');
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

    // Mute for 7 days: O, then the selects' type-ahead and Tab from field to field, Enter on the button.
    await page.keyboard.press('o');
    await form.waitFor();
    await expect.poll(() => isFocused(kind)).toBe(true);
    await page.keyboard.type('Mute');
    expect(await kind.inputValue()).toBe('mute');
    await duration.waitFor(); // a mute has a length: the shortest first
    expect(await duration.inputValue()).toBe('3600');
    await page.keyboard.press('Tab');
    expect(await isFocused(duration)).toBe(true);
    await page.keyboard.type('7');
    expect(await duration.inputValue()).toBe(String(7 * 86_400));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Repeated');
    expect(await reason.inputValue()).toBe('repeated_violations');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kept posting insults after the warning');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Mute author');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => announcer.textContent())
      .toBe('Author muted for 7 days: Repeated violations. The platform is notified.');
    await expect.poll(() => panel.textContent()).toContain('5 strikes');

    // Suspend until lifted: O again puts the focus back on Action.
    await page.keyboard.press('o');
    await expect.poll(() => isFocused(kind)).toBe(true);
    await page.keyboard.type('Suspend');
    expect(await kind.inputValue()).toBe('suspend');
    await expect.poll(() => duration.inputValue()).toBe('0'); // until lifted
    await page.keyboard.press('Tab');
    expect(await isFocused(duration)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ban');
    expect(await reason.inputValue()).toBe('ban_evasion');
    await page.keyboard.press('Tab');
    await page.keyboard.type('second account of a muted author');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Suspend author');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => announcer.textContent())
      .toBe('Author suspended: Ban evasion. The platform is notified.');
    await expect.poll(() => panel.textContent()).toContain('6 strikes');

    const actionsOf = async () =>
      (
        await db.query(
          `SELECT action_id, kind, reason_code, note, duration_seconds, expires_at, created_at, post_id, task_id,
                  moderator_id, lifted_at, lifted_by
           FROM author_actions WHERE tenant_id = $1 AND author = 'user-381' ORDER BY created_at`,
          [TENANT],
        )
      ).rows;
    const [warn, mute, suspend] = await actionsOf();
    expect([warn.kind, mute.kind, suspend.kind]).toEqual(['warn', 'mute', 'suspend']);
    const byMax = { post_id: 'p-coffee', task_id: task.task_id, moderator_id: max.moderator_id };
    expect(mute).toMatchObject({
      ...byMax,
      reason_code: 'repeated_violations',
      note: 'kept posting insults after the warning',
      duration_seconds: 7 * 86_400,
      lifted_at: null,
      lifted_by: null,
    });
    expect(mute.expires_at.getTime() - mute.created_at.getTime()).toBe(7 * 86_400_000);
    expect(suspend).toMatchObject({
      ...byMax,
      reason_code: 'ban_evasion',
      note: 'second account of a muted author',
      duration_seconds: null,
      expires_at: null,
      lifted_at: null,
    });
    const audit = await db.query(
      `SELECT action, after FROM audit_log WHERE action IN ('author.mute', 'author.suspend') ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'author.mute',
        after: expect.objectContaining({ action_id: mute.action_id, webhook_deliveries: 1 }),
      },
      {
        action: 'author.suspend',
        after: expect.objectContaining({ action_id: suspend.action_id, webhook_deliveries: 1 }),
      },
    ]);

    // One signed author.action delivery queued for the platform per action, and received.
    const messageId = (a: { action_id: string }, lift = false) =>
      `msg_author_${lift ? 'lift_' : ''}${a.action_id.replaceAll('-', '')}`;
    const queued = await db.query(
      `SELECT message_id, endpoint_id, event_type FROM webhook_deliveries WHERE message_id = ANY($1::text[])
       ORDER BY delivery_id`,
      [[messageId(mute), messageId(suspend)]],
    );
    expect(queued.rows).toEqual([
      { message_id: messageId(mute), endpoint_id: endpointId, event_type: 'author.action' },
      { message_id: messageId(suspend), endpoint_id: endpointId, event_type: 'author.action' },
    ]);
    const received = async (id: string) => {
      const delivery = await eventually(
        async () => hooks.find((h) => h.headers['webhook-id'] === id),
        `the webhook ${id}`,
      );
      return new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
        type: string;
        data: Record<string, unknown>;
      };
    };
    const muted = await received(messageId(mute));
    expect(muted.type).toBe('author.action');
    expect(muted.data).toMatchObject({
      action_id: mute.action_id,
      tenant_id: TENANT,
      author: 'user-381',
      kind: 'mute',
      reason_code: 'repeated_violations',
      duration_seconds: 7 * 86_400,
      expires_at: mute.expires_at.toISOString(),
      post: { post_id: 'p-coffee', revision: 0 },
      moderator_id: max.moderator_id,
    });
    const suspended = await received(messageId(suspend));
    expect(suspended.type).toBe('author.action');
    expect(suspended.data).toMatchObject({
      action_id: suspend.action_id,
      author: 'user-381',
      kind: 'suspend',
    });
    expect(suspended.data).not.toHaveProperty('duration_seconds');
    expect(suspended.data).not.toHaveProperty('expires_at');

    // The list: a Lift button on the mute and on the suspension, none on the warning. O, then Shift+Tab
    // from Action back up the list to the mute's Lift; Enter lifts it.
    const liftMute = panel.getByRole('button', { name: /^Lift mute of / });
    const liftSuspend = panel.getByRole('button', { name: /^Lift suspend of / });
    expect(await liftMute.count()).toBe(1);
    expect(await liftSuspend.count()).toBe(1);
    expect(await panel.getByRole('button', { name: /^Lift warn/ }).count()).toBe(0);
    await page.keyboard.press('o');
    await expect.poll(() => isFocused(kind)).toBe(true);
    await tabTo(liftMute, 'Shift+Tab');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('author-lift');
    const [lifted] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/author/actions/${mute.action_id}/lift`) && r.request().method() === 'POST',
      ),
      page.keyboard.press('Enter'),
    ]);
    expect(lifted.status()).toBe(200);
    await expect.poll(() => announcer.textContent()).toBe('Mute lifted. The platform is notified.');
    await liftMute.waitFor({ state: 'detached' });
    expect(await liftSuspend.count()).toBe(1);
    expect(await panel.textContent()).toMatch(
      /muted for 7 days — repeated_violations · .* · lifted .* by Max Moderator/,
    );
    expect(await panel.textContent()).toContain('6 strikes'); // a lifted action still counts
    await panel.locator('.author-form').scrollIntoViewIfNeeded();
    await shot('author-lifted');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-author-lift.png');

    const [, muteAfter, suspendAfter] = await actionsOf();
    expect(muteAfter.lifted_at).toBeInstanceOf(Date);
    expect(muteAfter.lifted_by).toBe(max.moderator_id);
    expect(suspendAfter.lifted_at).toBeNull();
    expect(
      (await db.query(`SELECT after FROM audit_log WHERE action = 'author.lifted'`)).rows.map((r) => r.after),
    ).toEqual([expect.objectContaining({ action_id: mute.action_id, kind: 'mute', webhook_deliveries: 1 })]);
    const liftEvent = await received(messageId(mute, true));
    expect(liftEvent.type).toBe('author.action.lifted');
    expect(liftEvent.data).toMatchObject({
      action_id: mute.action_id,
      tenant_id: TENANT,
      author: 'user-381',
      kind: 'mute',
      moderator_id: max.moderator_id,
      lifted_at: muteAfter.lifted_at.toISOString(),
    });
  });

  it('keyboard only: one continuous shift on one queue: bulk decision, a decision undone, the author warned, a claim released and taken again', async () => {
    // Set-up as an admin and the platform would: Lena creates a queue of French posts and adds Max to it;
    // five flagged posts land there, three by one author (user-555), two by another (user-556).
    const lena = await apiSession('lena');
    const created = await lena('POST', '/review/admin/queues', {
      queue_id: 'shift',
      name: 'Evening shift',
      description: 'French posts the model flagged',
      filter: { languages: ['fr'], sources: ['model'] },
      sla_seconds: 86_400,
    });
    expect(created.status).toBe(201);
    const [max] = (await db.query(`SELECT moderator_id FROM moderators WHERE username = 'max'`)).rows;
    const member = await lena('PATCH', `/review/admin/moderators/${max.moderator_id}`, {
      queues: ['flagged', 'illicit', 'shift'],
    });
    expect(member.status).toBe(200);
    const shift: Record<string, { author: string; caption: string }> = {
      'p-shift-1': {
        author: 'user-555',
        caption: 'Ces gens-là ne sont pas des nôtres, renvoyez-les chez eux',
      },
      'p-shift-2': { author: 'user-555', caption: 'Encore eux dans notre quartier, il faut les chasser' },
      'p-shift-3': { author: 'user-555', caption: 'Ils ne méritent aucun respect, aucun, jamais' },
      'p-shift-4': { author: 'user-556', caption: 'Dehors, tous autant qu’ils sont, et vite' },
      'p-shift-5': { author: 'user-556', caption: 'On ne veut pas de ces gens ici, point final' },
    };
    const producer = new RecordProducer(settings);
    await producer.send(
      topicName(TOPICS.posts, prefix),
      Object.entries(shift).map(([postId, p]) => ({
        key: postKey(TENANT, postId),
        value: JSON.stringify({
          schema_version: 1,
          post_id: postId,
          tenant_id: TENANT,
          revision: 0,
          created_at: new Date().toISOString(),
          author: p.author,
          text: p.caption,
          callback: { endpoint_id: endpointId },
        } satisfies PostV1Input),
      })),
    );
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      Object.entries(shift).map(([postId, p]) => {
        const r = result(postId, { caption: p.caption, lang: 'fr', scores: { hate: 0.66 }, endpointId });
        return {
          key: postKey(r.tenant_id, r.post_id),
          value: encodeInternal(r),
          headers: internalHeaders('inference-result.v1'),
        };
      }),
    );
    await producer.disconnect();
    await eventually(async () => {
      const tasks = await db.query(
        `SELECT count(*)::int AS n FROM review_tasks WHERE post_id LIKE 'p-shift-%' AND status = 'open'`,
      );
      const authors = await db.query(
        `SELECT count(*)::int AS n FROM post_authors WHERE post_id LIKE 'p-shift-%'`,
      );
      return tasks.rows[0].n === 5 && authors.rows[0].n === 5;
    }, 'the five tasks of the shift and their authors');
    // p-shift-4 has waited longest: the queue's first task, the one N claims.
    await db.query(
      `UPDATE review_tasks SET created_at = created_at - interval '5 minutes' WHERE post_id = 'p-shift-4'`,
    );
    const taskOf = async (postId: string) =>
      (await db.query(`SELECT status, claimed_by, claimed_at FROM review_tasks WHERE post_id = $1`, [postId]))
        .rows[0] as { status: string; claimed_by: string | null; claimed_at: Date | null };
    const decisionsOf = async (postId: string) =>
      (
        await db.query(
          `SELECT d.decision_id, d.decision, d.reason_code, d.notes, d.undone_at IS NOT NULL AS undone,
                  d.verdict_id, a.after->>'bulk_id' AS bulk_id
           FROM human_decisions d JOIN review_tasks t USING (task_id)
           LEFT JOIN audit_log a ON a.subject_id = t.task_id::text AND a.action = 'review.decided'
             AND a.after->>'decision_id' = d.decision_id::text
           WHERE t.post_id = $1 ORDER BY d.decided_at`,
          [postId],
        )
      ).rows;

    const logOut = page.getByRole('button', { name: 'Log out' });
    const loginForm = page.getByRole('form', { name: 'Vigil review' });
    const announcer = page.locator('#announcer');
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr')?.textContent ?? '');

    // The shift starts: Max logs out and in again, keyboard only (no goto, no clicks, no fill from here).
    await tabTo(logOut, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await loginForm.waitFor();
    await expect.poll(() => isFocused(loginForm.getByLabel('Username'))).toBe(true);
    await page.keyboard.type('max');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    const [login] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/review/session') && r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(login.status()).toBeLessThan(300);
    await logOut.waitFor();

    // Queues (header), then the shift's queue, then Tab into its table.
    await tabTo(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' }));
    await page.keyboard.press('Enter');
    const queueLink = page.getByRole('link', { name: 'Evening shift' });
    await queueLink.waitFor();
    await tabTo(queueLink);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Evening shift/, level: 1 }).waitFor();
    const rows = page.locator('table.tasks tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    await tabTo(rows.first().getByRole('link'));

    // J down the rows, X on the two posts of one campaign; K goes back up a row; D decides the two at once.
    const bulk = ['p-shift-1', 'p-shift-2'];
    for (let i = 0; i < 5; i++) {
      const row = await focusedRow();
      if (bulk.some((p) => row.includes(`${TENANT}/${p} `))) await page.keyboard.press('x');
      if (i < 4) await page.keyboard.press('j');
    }
    expect(await focusedRow()).toBe(await rows.nth(4).textContent());
    await page.keyboard.press('k');
    expect(await focusedRow()).toBe(await rows.nth(3).textContent());
    for (const post of Object.keys(shift)) {
      expect(await page.getByRole('checkbox', { name: `Select ${TENANT}/${post}` }).isChecked()).toBe(
        bulk.includes(post),
      );
    }
    await page.getByRole('button', { name: /^Decide 2 selected/ }).waitFor();
    await page.keyboard.press('d');
    const bulkForm = page.getByRole('form', { name: 'Decide 2 selected tasks' });
    await bulkForm.waitFor();
    await expect.poll(() => isFocused(bulkForm.getByRole('radio', { name: 'Approve' }))).toBe(true);
    await page.keyboard.press('ArrowRight'); // Remove
    await bulkForm.getByRole('group', { name: 'Reason' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Hate speech
    await page.keyboard.press('Tab');
    await page.keyboard.type('one campaign, two posts');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Decide 2');
    await page.keyboard.press('Enter');
    await expect.poll(() => announcer.textContent()).toBe('Remove: Hate speech — 2 decided.');
    await expect.poll(() => rows.count()).toBe(3);
    const [bulk1, bulk2] = [await decisionsOf('p-shift-1'), await decisionsOf('p-shift-2')];
    for (const decisions of [bulk1, bulk2]) {
      expect(decisions).toEqual([
        expect.objectContaining({
          decision: 'remove',
          reason_code: 'hate',
          notes: 'one campaign, two posts',
          undone: false,
          bulk_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        }),
      ]);
    }
    expect(bulk1[0].bulk_id).toBe(bulk2[0].bulk_id);
    for (const post of bulk) expect((await taskOf(post)).status).toBe('resolved');

    // J to p-shift-3, Enter opens (claims) it; R 1 removes it and the queue's first task (p-shift-4) opens.
    for (let i = 0; i < 3 && !(await focusedRow()).includes(`${TENANT}/p-shift-3 `); i++) {
      await page.keyboard.press('j');
    }
    expect(await focusedRow()).toContain(`${TENANT}/p-shift-3 `);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `${TENANT}/p-shift-3` }).waitFor();
    await expect.poll(() => page.locator('.item-head .claim').textContent()).toMatch(/^claimed by you/);
    expect(await taskOf('p-shift-3')).toMatchObject({ status: 'claimed', claimed_by: max.moderator_id });
    await chooseDecision('r', page.getByRole('list', { name: 'Reason to remove' }));
    await page.keyboard.press('1'); // Hate speech
    await page.getByRole('heading', { name: `${TENANT}/p-shift-4` }).waitFor();
    await expect
      .poll(() => announcer.textContent())
      .toBe(`Remove: Hate speech. Saved. Now reviewing ${TENANT}/p-shift-4, hate.`);
    expect(await taskOf('p-shift-4')).toMatchObject({ status: 'claimed', claimed_by: max.moderator_id });
    expect(await decisionsOf('p-shift-3')).toEqual([
      expect.objectContaining({ decision: 'remove', reason_code: 'hate', undone: false }),
    ]);

    // U takes it back: p-shift-3 is claimed by Max again, p-shift-4 waits again, no human verdict stays.
    await page.keyboard.press('u');
    await page.getByRole('heading', { name: `${TENANT}/p-shift-3` }).waitFor();
    await expect
      .poll(() => announcer.textContent())
      .toBe(
        `Undone: Remove: Hate speech on ${TENANT}/p-shift-3. Decide again. Now reviewing ${TENANT}/p-shift-3, hate.`,
      );
    expect(await taskOf('p-shift-3')).toMatchObject({ status: 'claimed', claimed_by: max.moderator_id });
    await expect.poll(async () => (await taskOf('p-shift-4')).status).toBe('open');
    expect((await taskOf('p-shift-4')).claimed_by).toBeNull();
    expect(await decisionsOf('p-shift-3')).toEqual([
      expect.objectContaining({ decision: 'remove', reason_code: 'hate', undone: true, verdict_id: null }),
    ]);
    const sourcesOf = async (postId: string) =>
      (await db.query(`SELECT source FROM verdicts WHERE post_id = $1 ORDER BY seq`, [postId])).rows.map(
        (r) => r.source as string,
      );
    expect(await sourcesOf('p-shift-3')).toEqual(['model']);

    // O: the author's other posts with the verdict in force, the decisions against them; then a warning.
    await page.keyboard.press('o');
    const authorForm = page.getByRole('form', { name: 'Act on the author' });
    await authorForm.waitFor();
    await expect.poll(() => isFocused(authorForm.getByLabel('Action'))).toBe(true);
    const panel = page.locator('section.author');
    expect(await panel.textContent()).toContain('2 strikes'); // the two removals in bulk
    const postLines = (await panel.locator('ul.author-posts li').allTextContents()).sort();
    expect(postLines).toEqual([
      expect.stringMatching(/^p-shift-1: remove · hate .*· human · /),
      expect.stringMatching(/^p-shift-2: remove · hate .*· human · /),
      expect.stringMatching(/^p-shift-3 \(this post\): review · hate .*· model · /),
    ]);
    const decisionLines = (
      await panel.locator('h3:text-is("Decisions against the author") + ul li').allTextContents()
    ).sort();
    expect(decisionLines).toEqual([
      expect.stringMatching(/^remove — hate on p-shift-1 · .* — Max Moderator$/),
      expect.stringMatching(/^remove — hate on p-shift-2 · .* — Max Moderator$/),
    ]);
    expect(await authorForm.getByLabel('Action').inputValue()).toBe('warn');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hate'); // the reason list's type-ahead
    expect(await authorForm.getByLabel('Reason').inputValue()).toBe('hate');
    await page.keyboard.press('Tab');
    await page.keyboard.type('two hateful posts in one evening');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Warn author');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => announcer.textContent())
      .toBe('Author warned: Hate speech. The platform is notified.');
    await expect.poll(() => panel.textContent()).toContain('3 strikes');
    expect(
      (
        await db.query(
          `SELECT kind, reason_code, note, post_id, moderator_id FROM author_actions WHERE author = 'user-555'`,
        )
      ).rows,
    ).toEqual([
      {
        kind: 'warn',
        reason_code: 'hate',
        note: 'two hateful posts in one evening',
        post_id: 'p-shift-3',
        moderator_id: max.moderator_id,
      },
    ]);

    // Decided again for good, agreeing with the model's hate score (Tab to Agree, Space): p-shift-4 opens.
    const agree = page.getByRole('button', { name: 'Agree with the hate score', exact: true });
    await tabTo(agree);
    await page.keyboard.press('Space');
    await expect.poll(() => agree.getAttribute('aria-pressed')).toBe('true');
    await chooseDecision('r', page.getByRole('list', { name: 'Reason to remove' }));
    await page.keyboard.press('1');
    await page.getByRole('heading', { name: `${TENANT}/p-shift-4` }).waitFor();
    await expect
      .poll(() => announcer.textContent())
      .toBe(`Remove: Hate speech. Saved. Now reviewing ${TENANT}/p-shift-4, hate.`);
    const third = await decisionsOf('p-shift-3');
    expect(third).toEqual([
      expect.objectContaining({ undone: true, verdict_id: null }),
      expect.objectContaining({ decision: 'remove', reason_code: 'hate', undone: false }),
    ]);
    expect(third[1].verdict_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sourcesOf('p-shift-3')).toEqual(['model', 'human']);
    expect(
      (
        await db.query(`SELECT category, agrees FROM review_feedback WHERE decision_id = $1`, [
          third[1].decision_id,
        ])
      ).rows,
    ).toEqual([{ category: 'hate', agrees: true }]);
    expect((await taskOf('p-shift-3')).status).toBe('resolved');
    const firstClaim = await taskOf('p-shift-4');
    expect(firstClaim).toMatchObject({ status: 'claimed', claimed_by: max.moderator_id });

    // Q gives p-shift-4 back (the queue shows two waiting); N takes the queue's next task: p-shift-4 again.
    await page.keyboard.press('q');
    await page.getByRole('heading', { name: /^Evening shift/, level: 1 }).waitFor();
    await expect.poll(async () => (await taskOf('p-shift-4')).status).toBe('open');
    expect((await taskOf('p-shift-4')).claimed_by).toBeNull();
    await expect.poll(() => rows.count()).toBe(2);
    await expect
      .poll(async () => (await rows.allTextContents()).every((t) => t.endsWith('waiting')))
      .toBe(true);
    await page.keyboard.press('n');
    await page.getByRole('heading', { name: `${TENANT}/p-shift-4` }).waitFor();
    await expect.poll(() => announcer.textContent()).toContain(`Now reviewing ${TENANT}/p-shift-4`);
    const again = await taskOf('p-shift-4');
    expect(again).toMatchObject({ status: 'claimed', claimed_by: max.moderator_id });
    expect(again.claimed_at!.getTime()).toBeGreaterThan(firstClaim.claimed_at!.getTime());
    expect((await taskOf('p-shift-5')).status).toBe('open');
    await shot('shift-next');
  });

  it('shows what the platform and the classifier sent: a high-priority report, media groups, the per-frame text of a video', async () => {
    // Five flagged posts: two with the same image (one SHA-256), two with images a few PDQ bits apart, one
    // video whose text the classifier read in two frames (a threat: the model removes it and sends it to
    // review for violence); and a post the model allowed, which a user reports.
    const digest = () => randomBytes(32).toString('hex');
    /** `hash` (64 hex digits) with its first `bits` bits flipped: Hamming distance `bits` from it. */
    const flipBits = (hash: string, bits: number): string => {
      const bytes = Buffer.from(hash, 'hex');
      for (let i = 0; i < bits; i++) bytes[i >> 3]! ^= 1 << (i & 7);
      return bytes.toString('hex');
    };
    const still = (sha256: string, pdq?: string): MediaResult => ({
      media_id: 'photo-1',
      kind: 'image',
      status: 'ok',
      sha256,
      ...(pdq ? { pdq: [{ hash: pdq, quality: 90, timestamp_ms: 0 }] } : {}),
    });
    const box: [number, number][] = [
      [10, 10],
      [300, 10],
      [300, 50],
      [10, 50],
    ];
    const clip: MediaResult = {
      media_id: 'clip-1',
      kind: 'video',
      status: 'ok',
      ocr: [
        { text: 'WE KNOW WHERE YOU LIVE', confidence: 0.91, box, timestamp_ms: 0 },
        { text: 'SEE YOU TONIGHT', confidence: 0.88, box, timestamp_ms: 2000 },
      ],
      // What a speech-to-text plug-in heard (the default bundle has none; see docs/writing-an-expert.md).
      transcript: 'you should have stayed home tonight',
    };
    const [sameImage, pdq] = [digest(), digest()];
    const flagged = { lang: 'en', scores: { hate: 0.66 } } as const;
    const producer = new RecordProducer(settings);
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      [
        result('p-same-1', { ...flagged, caption: 'look at what they did', media: [still(sameImage)] }),
        result('p-same-2', { ...flagged, caption: 'and they did it again', media: [still(sameImage)] }),
        result('p-near-1', { ...flagged, caption: 'the meme, first upload', media: [still(digest(), pdq)] }),
        result('p-near-2', {
          ...flagged,
          caption: 'the meme, re-encoded',
          media: [still(digest(), flipBits(pdq, 4))],
        }),
        result('p-clip', {
          caption: 'watch until the end',
          lang: 'en',
          scores: { 'harassment/threatening': 0.99, violence: 0.85 },
          media: [clip],
        }),
        result('p-pill', {
          caption: 'Wine tasting at the vineyard this weekend, all welcome',
          lang: 'en',
          scores: { 'illicit/drugs': 0.31 },
          endpointId,
        }),
      ].map((r) => ({
        key: postKey(r.tenant_id, r.post_id),
        value: encodeInternal(r),
        headers: internalHeaders('inference-result.v1'),
      })),
    );
    await producer.disconnect();
    const flaggedPosts = ['p-same-1', 'p-same-2', 'p-near-1', 'p-near-2', 'p-clip'];
    await eventually(async () => {
      const tasks = await db.query(
        `SELECT count(*)::int AS n FROM review_tasks WHERE post_id = ANY($1::text[])`,
        [flaggedPosts],
      );
      const allowed = await db.query(
        `SELECT count(*)::int AS n FROM verdicts WHERE post_id = 'p-pill' AND strongest_action = 'allow'`,
      );
      return tasks.rows[0].n === 5 && allowed.rows[0].n === 1;
    }, 'the five flagged tasks and the allowed post');

    // The platform sends the user's report as high priority: its row in the topic queue says so.
    const token = /\n(vgl_\S+)/.exec(
      await cli(['token', 'create', '--tenant', TENANT, '--scopes', 'reports:write']),
    )![1]!;
    const report = await fetch(`${baseUrl}/v1/tenants/${TENANT}/posts/p-pill/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        report_id: 'rep-90',
        category: 'illicit/drugs',
        statement: 'Advertises drinking to teenagers',
        priority: 'high',
      }),
    });
    expect(report.status).toBe(201);
    expect(
      (await db.query(`SELECT platform_priority FROM review_tasks WHERE external_ref = 'rep-90'`)).rows,
    ).toEqual([{ platform_priority: 'high' }]);
    await page.goto(`${baseUrl}/dashboard/queues/illicit`);
    await page.getByRole('heading', { name: /^Illicit trade/, level: 1 }).waitFor();
    const rows = page.locator('table.tasks tbody tr');
    const reportRow = rows.filter({ hasText: `${TENANT}/p-pill ` });
    await expect.poll(() => reportRow.count()).toBe(1);
    expect(await reportRow.textContent()).toContain('User report');
    expect(await reportRow.locator('.pill.platform-high').textContent()).toBe('high priority report');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('queue-report-priority');

    // Model flags: the same image twice is one group, two images a few PDQ bits apart another.
    await page.goto(`${baseUrl}/dashboard/queues/flagged`);
    const rowsOf = (text: string) => rows.filter({ hasText: text });
    await expect.poll(() => rowsOf('p-same-').count()).toBe(2);
    expect(await rowsOf('p-same-').locator('.group-badge').allTextContents()).toEqual([
      '×2 same media',
      '×2 same media',
    ]);
    await expect.poll(() => rowsOf('p-near-').count()).toBe(2);
    expect(await rowsOf('p-near-').locator('.group-badge').allTextContents()).toEqual([
      '×2 similar images',
      '×2 similar images',
    ]);
    expect(await rowsOf(`${TENANT}/p-clip `).locator('.group-badge').count()).toBe(0);
    expect(await rowsOf(`${TENANT}/p-clip `).textContent()).toContain('urgent');
    await shot('queue-media-groups');

    // The video's item: the text of each frame with its time, each time a "Jump to" control; the medium has
    // no source, which is said in plain sight (not blurred, no "Show video" over it).
    await rowsOf(`${TENANT}/p-clip `).getByRole('link').click();
    await page.getByRole('heading', { name: `${TENANT}/p-clip` }).waitFor();
    // Why in review: the rule that sent it (violence), and also the removal that makes it urgent (a
    // credible threat), not only as "remove" in the verdict-in-force line.
    const why = page.getByRole('region', { name: 'Why in review' });
    await expect
      .poll(() => why.getByRole('listitem').allTextContents())
      .toEqual([
        'violence.review (violence) score 0.85 ≥ 0.80',
        'The model also acted: remove — harassment/threatening 0.99 (rule harassment/threatening.remove)',
      ]);
    const video = page.locator('figure.media[data-media-id="clip-1"]');
    await expect
      .poll(() => video.locator('.seen-text ul.frames li').allTextContents())
      .toEqual(['0:00 WE KNOW WHERE YOU LIVE', '0:02 SEE YOU TONIGHT']);
    expect(await video.locator('.seen-text').first().textContent()).toMatch(/^Text in video: /);
    expect(await video.getByText('Transcript:', { exact: true }).locator('..').textContent()).toBe(
      'Transcript: you should have stayed home tonight',
    );
    expect(await video.getByRole('button', { name: 'Jump to 0:02', exact: true }).count()).toBe(1);
    expect(await video.getByRole('button', { name: 'Jump to 0:00', exact: true }).count()).toBe(1);
    expect(await video.locator('.media-missing').textContent()).toMatch(/^Media not available: /);
    expect(await video.locator('.media-missing').isVisible()).toBe(true);
    expect(await video.getAttribute('data-blurred')).toBe('false');
    expect(await video.getByRole('button', { name: /^Show video/ }).count()).toBe(0);
    expect(await accessibilityViolations()).toEqual([]);
    await shot('item-video-frames');
    await page.keyboard.press('q'); // gives p-clip back
    await page.locator('table.tasks').waitFor();
    await expect
      .poll(async () => (await db.query(`SELECT status FROM review_tasks WHERE post_id = 'p-clip'`)).rows)
      .toEqual([{ status: 'open' }]);
  });

  it('a team lead sees the overturn rate, the agreement with the model and SLA breaches on the Team page and filters the audit log to author warnings', async () => {
    // The weapons sale (decided in the mixed queue) had waited two days by then: decided past its due time;
    // and p-shift-5 has been waiting two days: past due now.
    await db.query(
      `UPDATE review_tasks SET created_at = created_at - interval '2 days'
       WHERE post_id IN ('p-mix-flag', 'p-shift-5')`,
    );
    await logIn('lena');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('team-title');
    const card = (title: string) =>
      page.locator('dl.team-counts > div').filter({ has: page.locator('dt', { hasText: title }) });
    await card('Overturned on appeal').waitFor();
    // The appeal of the mixed queue was granted: one of one overturned.
    expect(await card('Overturned on appeal').locator('dd').allTextContents()).toEqual([
      '100 %',
      '1 of 1 appeals',
    ]);
    // Max agreed with the model's hate score when he decided p-shift-3 for good.
    expect(await card('Agreement with the model').locator('dd').allTextContents()).toEqual([
      '100 %',
      '1 of 1 labels',
    ]);
    const breaches = card('SLA breaches');
    expect(Number(await breaches.locator('dd').first().textContent())).toBeGreaterThan(0);
    expect(await breaches.locator('dd').nth(1).textContent()).toMatch(/^[1-9]\d* waiting past due now$/);
    expect(await breaches.getAttribute('class')).toContain('overdue');
    // Per queue: the topic queue decided one task late; the shift has one waiting past due.
    const perQueue = page.getByRole('table', { name: 'Per queue' });
    const cellsOf = async (queue: string) =>
      (await perQueue.getByRole('row', { name: queue }).getByRole('cell').allTextContents()).map((t) =>
        t.trim(),
      );
    expect((await cellsOf('Illicit trade'))[2]).toBe('1'); // decided late
    expect((await cellsOf('Evening shift'))[3]).toBe('1'); // past due now

    // The audit log's Action filter lists author, report and appeal actions; author.warn selects both warnings.
    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    const action = filters.getByLabel('Action');
    expect(
      await action
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(
      expect.arrayContaining([
        'author.',
        'author.warn',
        'author.mute',
        'author.suspend',
        'author.lifted',
        'report.opened',
        'appeal.opened',
      ]),
    );
    await action.selectOption('author.warn');
    const [listed] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/review/admin/audit?') && r.url().includes('action=author.warn'),
      ),
      filters.getByRole('button', { name: 'Apply' }).click(),
    ]);
    expect(listed.status()).toBe(200);
    const audit = page.getByRole('table', { name: 'Audit log' });
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(2);
    expect(await audit.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual([
      'author.warn',
      'author.warn',
    ]);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'author.warn'`)).rows[0].n,
    ).toBe(2);
    expect(await accessibilityViolations()).toEqual([]);
    await shot('team-stats');
    if (process.env.UPDATE_DOCS_SCREENSHOT) await docsShot('dashboard-team.png');
  });

  it('an admin is warned before demoting or disabling herself (Esc cancels); the next login starts on the queues; another queue is "Not allowed", an unknown one "No such queue"; an escalation publishes nothing', async () => {
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    // Lena (the last test's admin) on her own row of the Admin page: the heading has the focus.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Moderators', level: 1 }).waitFor();
    await expect.poll(focusedId).toBe('admin-title');
    const lenaNow = async () =>
      (await db.query(`SELECT role, disabled_at FROM moderators WHERE username = 'lena'`)).rows[0];
    // Demoting herself: the prompt says she loses her admin rights; Esc cancels it.
    const role = page.getByLabel('Role of lena');
    await role.selectOption('moderator');
    const confirmRole = page.getByRole('group', { name: 'Confirm the role change of lena' });
    await confirmRole.waitFor();
    expect(await confirmRole.textContent()).toContain('You are about to remove your own admin rights');
    await page.keyboard.press('Escape');
    await confirmRole.waitFor({ state: 'detached' });
    expect(await role.inputValue()).toBe('admin');
    // Disabling herself asks first (another account's Disable does not), in as plain words; Esc cancels.
    const own = page.locator('table.tasks tbody tr').filter({ has: role });
    await own.getByRole('button', { name: 'Disable' }).click();
    const confirmDisable = page.getByRole('group', { name: 'Confirm disabling lena' });
    await confirmDisable.waitFor();
    expect(await confirmDisable.textContent()).toContain('You are about to disable yourself');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('admin-self');
    await page.keyboard.press('Escape');
    await confirmDisable.waitFor({ state: 'detached' });
    expect(await lenaNow()).toEqual({ role: 'admin', disabled_at: null });

    // Lena logs out on the Admin page; Max, a moderator, logs in next: the queue list, not "Not allowed".
    const [max] = (await db.query(`SELECT moderator_id FROM moderators WHERE username = 'max'`)).rows;
    await db.query(`UPDATE moderator_wellness SET break_after = 200 WHERE moderator_id = $1`, [
      max.moderator_id,
    ]);
    await logIn('max');
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    expect(await page.getByRole('heading', { name: 'Not allowed' }).count()).toBe(0);
    await expect.poll(focusedId).toBe('queues-title');

    // A queue he is not a member of (senior, which exists): "Not allowed", no Start reviewing, no endless
    // loading; N claims nothing.
    const claims: string[] = [];
    const onRequest = (r: { url(): string; method(): string }) => {
      if (r.method() === 'POST' && r.url().endsWith('/claim')) claims.push(r.url());
    };
    page.on('request', onRequest);
    await page.goto(`${baseUrl}/dashboard/queues/senior`);
    await page.getByRole('heading', { name: 'Not allowed', level: 1 }).waitFor();
    const main = page.getByRole('main');
    expect(await main.textContent()).toContain('You are not a member of the queue senior');
    expect(await main.textContent()).not.toContain('There is no queue');
    expect(await page.getByRole('button', { name: /Start reviewing/ }).count()).toBe(0);
    expect(await main.getByText('Loading tasks…').count()).toBe(0);
    expect(await main.getByRole('alert').count()).toBe(0);
    await expect.poll(focusedId).toBe('not-allowed');
    await shot('not-allowed-queue');
    await page.keyboard.press('n');
    // Back to his queues (a round trip after the key): still no claim was sent.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/review/queues') && r.request().method() === 'GET'),
      main.getByRole('link', { name: 'your queues' }).click(),
    ]);
    page.off('request', onRequest);
    expect(claims).toEqual([]);

    // A queue that does not exist (a typo, an old link) says so, not "not a member"; its link leads back.
    await page.goto(`${baseUrl}/dashboard/queues/nonexistent`);
    await page.getByRole('heading', { name: 'No such queue', level: 1 }).waitFor();
    expect(await main.textContent()).toContain('There is no queue named nonexistent');
    expect(await main.textContent()).not.toContain('not a member');
    expect(await page.getByRole('heading', { name: 'Not allowed' }).count()).toBe(0);
    await expect.poll(focusedId).toBe('no-such-queue');
    expect(await accessibilityViolations()).toEqual([]);
    await shot('no-such-queue');
    await main.getByRole('link', { name: 'your queues' }).click();
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();

    // Model flags opened from the list: its heading has the focus. N claims the next task; E 1 escalates it.
    await page.getByRole('link', { name: 'Model flags' }).click();
    await page.getByRole('heading', { name: /^Model flags/, level: 1 }).waitFor();
    await expect.poll(focusedId).toBe('queue-title');
    await page.locator('table.tasks').waitFor();
    await page.keyboard.press('n');
    const heading = page.locator('.item-head h1');
    await heading.waitFor();
    const escalated = /^(\S+\/\S+)/.exec((await heading.textContent())!)![1]!;
    await page.keyboard.press('e');
    await page.getByRole('list', { name: 'Reason to escalate' }).waitFor();
    const [decided] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/decision') && r.request().method() === 'POST'),
      page.keyboard.press('1'), // Needs a senior reviewer
    ]);
    expect(decided.status()).toBeLessThan(300);
    // The undo bar says where the task went and that nothing is published (not "published in 9 s").
    const undoBar = page.getByRole('group', { name: 'Undo the last decision' });
    await undoBar.waitFor();
    const said = (await undoBar.locator('span').first().textContent())!;
    expect(said).toMatch(
      new RegExp(
        `^Escalated to the senior queue: Needs a senior reviewer on ${escalated} — nothing is published; undo for \\d+ s$`,
      ),
    );
    expect(said).not.toContain('published in');
    const [postId] = escalated.split('/').slice(1);
    expect(
      (
        await db.query(
          `SELECT d.decision, d.verdict_id, t.escalation_level FROM human_decisions d JOIN review_tasks t USING (task_id)
           WHERE t.post_id = $1 AND d.undone_at IS NULL ORDER BY d.decided_at DESC LIMIT 1`,
          [postId],
        )
      ).rows,
    ).toEqual([{ decision: 'escalate', verdict_id: null, escalation_level: 1 }]);
    await shot('undo-escalation');

    // Q on the next item: back on the queue, its heading focused.
    await page.locator('.item-head h1').filter({ hasNotText: escalated }).waitFor();
    await page.keyboard.press('q');
    await page.locator('table.tasks').waitFor();
    await expect.poll(focusedId).toBe('queue-title');
  });
});

/** Writes a screenshot (the one given, or the page now) into docs/ as a small palette PNG. */
async function docsShot(name: string, png?: Buffer): Promise<void> {
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(
    join(ROOT, 'docs', name),
    await sharp(png ?? (await page.screenshot()))
      .png({ palette: true, quality: 80, compressionLevel: 9 })
      .toBuffer(),
  );
}
