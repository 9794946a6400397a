import { randomBytes } from 'node:crypto';
import { createEgressAgent } from '@vigil/platform';
import { Webhook } from 'standardwebhooks';
import type { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { EndpointStore } from '../src/webhooks/endpoint-store';
import { WebhookSecretBox, WebhookSecretKeyError } from '../src/webhooks/secret-box';
import { nextRetryDelay, parseDuration, parseSchedule } from '../src/webhooks/retry-schedule';
import {
  WebhookDispatcher,
  type AttemptOutcome,
  type DispatcherSettings,
} from '../src/webhooks/webhook-dispatcher';
import { eventually, freshSchema, startReceiver } from './support';

let db: Db;
let drop: () => Promise<void>;
let agent: Agent;
let endpoints: EndpointStore;
const closers: (() => Promise<void>)[] = [];

const settings: DispatcherSettings = {
  timeoutMs: 1000,
  schedule: [0, 100, 100, 100],
  jitter: 0,
  disableAfterMs: 5 * 86_400_000,
  maxInFlight: 32,
};

beforeAll(async () => {
  ({ db, drop } = await freshSchema());
  agent = createEgressAgent({ allow: ['127.0.0.1'] });
  endpoints = new EndpointStore(db);
});

afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

afterAll(async () => {
  await agent?.close();
  await drop?.();
});

/** A receiver plus a registered endpoint pointing at it. */
async function endpointWith(receiver: Awaited<ReturnType<typeof startReceiver>>, maxConcurrency = 4) {
  closers.push(receiver.close);
  const created = await endpoints.create({
    tenantId: 'acme',
    url: receiver.url,
    maxConcurrency,
    actor: 'test',
  });
  // Each test leaves nothing due behind for the next one.
  closers.push(async () => {
    await endpoints.remove('acme', created.endpoint.endpoint_id, 'test');
  });
  return created;
}

async function queue(endpointId: string, count: number, tag = 'm'): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `msg_${tag}${i}_${endpointId.slice(-6)}`);
  await db
    .insertInto('webhook_deliveries')
    .values(
      ids.map((id, i) => ({
        message_id: id,
        endpoint_id: endpointId,
        tenant_id: 'acme',
        event_type: 'verdict.created',
        payload: JSON.stringify({
          type: 'verdict.created',
          timestamp: new Date().toISOString(),
          data: { n: i },
        }),
      })),
    )
    .execute();
  return ids;
}

/** Runs the dispatcher until `done()` holds (bounded), then waits for attempts in flight. */
async function runUntil(dispatcher: WebhookDispatcher, done: () => Promise<boolean>, timeoutMs = 20_000) {
  await eventually(async () => {
    await dispatcher.dispatchDue();
    return done();
  }, timeoutMs);
}

const deliveries = (endpointId: string) =>
  db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('delivery_id')
    .execute();

describe('retry schedule', () => {
  it('parses durations and the Svix schedule', () => {
    expect(parseSchedule('0,5s,5m,30m,2h,5h,10h,10h')).toEqual([
      0, 5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(parseDuration('5d')).toBe(432_000_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });

  it('spreads delays by the jitter and ends after the last attempt', () => {
    const schedule = [0, 5000, 300_000];
    expect(nextRetryDelay(schedule, 1, 0.2, () => 0)).toBe(4000);
    expect(nextRetryDelay(schedule, 1, 0.2, () => 0.999999)).toBe(6000);
    expect(nextRetryDelay(schedule, 2, 0, () => 0.3)).toBe(300_000);
    expect(nextRetryDelay(schedule, 3, 0.2)).toBeNull();
  });
});

describe('webhook dispatcher', () => {
  it('cuts a hanging receiver at the timeout without blocking other endpoints, within each endpoint limit', async () => {
    const hanging = await startReceiver(() => {}); // never answers
    const fast = await startReceiver();
    const slow = await endpointWith(hanging, 2);
    const quick = await endpointWith(fast, 3);
    await queue(slow.endpoint.endpoint_id, 4);
    await queue(quick.endpoint.endpoint_id, 9);
    const outcomes: AttemptOutcome[] = [];
    const dispatcher = new WebhookDispatcher(db, agent, settings, (o) => outcomes.push(o));

    await runUntil(dispatcher, async () => outcomes.filter((o) => o.ok).length === 9);
    // Every fast delivery succeeded while the hanging endpoint's first attempts were still open.
    expect(outcomes.every((o) => o.endpointId === quick.endpoint.endpoint_id)).toBe(true);
    await eventually(async () => hanging.open === 2);
    expect(fast.maxOpen).toBeLessThanOrEqual(3);

    await eventually(
      async () => outcomes.filter((o) => o.endpointId === slow.endpoint.endpoint_id).length >= 2,
    );
    await dispatcher.drain();
    const cut = outcomes.filter((o) => o.endpointId === slow.endpoint.endpoint_id);
    expect(cut[0]).toMatchObject({
      ok: false,
      result: 'retry',
      statusCode: null,
      error: 'no response within 1000 ms',
    });
    expect(cut[0]!.durationMs).toBeGreaterThanOrEqual(1000);
    expect(hanging.maxOpen).toBe(2);
    const rows = await deliveries(slow.endpoint.endpoint_id);
    expect(rows.filter((r) => r.attempts === 1 && r.status === 'pending' && r.last_error)).toHaveLength(2);
  });

  it('signs with both secrets during a rotation overlap, then only with the new one', async () => {
    const receiver = await startReceiver();
    const { endpoint, secret: first } = await endpointWith(receiver);
    const rotated = await endpoints.rotateSecret('acme', endpoint.endpoint_id, 3_600_000, 'test');
    await queue(endpoint.endpoint_id, 1, 'rot');
    const dispatcher = new WebhookDispatcher(db, agent, settings);
    await runUntil(dispatcher, async () => receiver.requests.length === 1);
    await dispatcher.drain();
    const [req] = receiver.requests;
    const headers = req!.headers as Record<string, string>;
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(first).verify(req!.body, headers)).toMatchObject({ type: 'verdict.created' });
    expect(new Webhook(rotated!.secret).verify(req!.body, headers)).toMatchObject({
      type: 'verdict.created',
    });

    const third = await endpoints.rotateSecret('acme', endpoint.endpoint_id, 0, 'test');
    await queue(endpoint.endpoint_id, 1, 'rot2');
    await runUntil(dispatcher, async () => receiver.requests.length === 2);
    await dispatcher.drain();
    const later = receiver.requests[1]!;
    const laterHeaders = later.headers as Record<string, string>;
    expect(laterHeaders['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(third!.secret).verify(later.body, laterHeaders)).not.toThrow();
    expect(() => new Webhook(first).verify(later.body, laterHeaders)).toThrow(/No matching signature/);
  });

  it('stores secrets sealed under WEBHOOK_SECRET_KEYS, signs with them, and re-seals on key rotation', async () => {
    const k1 = `k1:${randomBytes(32).toString('base64')}`;
    const k2 = `k2:${randomBytes(32).toString('base64')}`;
    const sealing = new EndpointStore(db, WebhookSecretBox.fromKeyring(k1));
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const { endpoint, secret } = await sealing.create({
      tenantId: 'acme',
      url: receiver.url,
      maxConcurrency: 2,
      actor: 'test',
    });
    closers.push(async () => void (await sealing.remove('acme', endpoint.endpoint_id, 'test')));
    const stored = async () =>
      (
        await db
          .selectFrom('webhook_secrets')
          .select('secret')
          .where('endpoint_id', '=', endpoint.endpoint_id)
          .executeTakeFirstOrThrow()
      ).secret;
    expect(await stored()).toMatch(/^enc:v1:k1:/);
    expect(await stored()).not.toContain(secret.replace(/^whsec_/, ''));

    // Rotation: new key first, reseal, then the old key is dropped and signing still verifies.
    const rotated = new EndpointStore(db, WebhookSecretBox.fromKeyring(`${k2},${k1}`));
    expect(await rotated.resealSecrets('test')).toBeGreaterThanOrEqual(1);
    expect(await stored()).toMatch(/^enc:v1:k2:/);
    await queue(endpoint.endpoint_id, 1, 'sealed');
    const dispatcher = new WebhookDispatcher(db, agent, {
      ...settings,
      secretBox: WebhookSecretBox.fromKeyring(k2),
    });
    await runUntil(dispatcher, async () => receiver.requests.length === 1);
    await dispatcher.drain();
    const [req] = receiver.requests;
    expect(new Webhook(secret).verify(req!.body, req!.headers as Record<string, string>)).toMatchObject({
      type: 'verdict.created',
    });

    // A sealed secret opens only for its endpoint and under a key in the keyring.
    const box = WebhookSecretBox.fromKeyring(k2);
    const sealed = await stored();
    expect(() => box.open(sealed, 'ep_other')).toThrow(WebhookSecretKeyError);
    expect(() => WebhookSecretBox.fromKeyring(k1).open(box.seal('whsec_x', 'ep_a'), 'ep_a')).toThrow(
      /not in WEBHOOK_SECRET_KEYS/,
    );
    expect(() => WebhookSecretBox.fromKeyring('k3:dG9vIHNob3J0')).toThrow(/WEBHOOK_SECRET_KEYS/);
  });

  it('disables an endpoint at once on 410 Gone and audits it', async () => {
    const gone = await startReceiver((_r, _n, res) => {
      res.statusCode = 410;
      res.end();
    });
    const { endpoint } = await endpointWith(gone);
    await queue(endpoint.endpoint_id, 3, 'gone');
    const outcomes: AttemptOutcome[] = [];
    const dispatcher = new WebhookDispatcher(db, agent, settings, (o) => outcomes.push(o));
    await runUntil(dispatcher, async () => outcomes.some((o) => o.disabledEndpoint));
    await dispatcher.drain();
    const after = await endpoints.get('acme', endpoint.endpoint_id);
    expect(after?.disabled_reason).toBe('receiver answered 410 Gone');
    // Nothing more is sent to a disabled endpoint.
    const sent = gone.requests.length;
    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(gone.requests.length).toBe(sent);
    const events = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', endpoint.endpoint_id)
      .where('action', '=', 'webhook_endpoint.disabled')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'system', tenant_id: 'acme' });
    expect((events[0]!.after as { disabled_reason: string }).disabled_reason).toBe(
      'receiver answered 410 Gone',
    );
  });

  it('disables an endpoint failing for the whole disable window; enabling resumes its deliveries', async () => {
    let healthy = false;
    const flaky = await startReceiver((_r, _n, res) => {
      res.statusCode = healthy ? 200 : 503;
      res.end();
    });
    const { endpoint } = await endpointWith(flaky);
    await queue(endpoint.endpoint_id, 1, 'flaky');
    const outcomes: AttemptOutcome[] = [];
    const dispatcher = new WebhookDispatcher(
      db,
      agent,
      { ...settings, schedule: [0, 300, 300, 300], disableAfterMs: 250 },
      (o) => outcomes.push(o),
    );
    await runUntil(dispatcher, async () => outcomes.some((o) => o.disabledEndpoint));
    await dispatcher.drain();
    expect(outcomes.map((o) => [o.attempt, o.statusCode, o.result])).toEqual([
      [1, 503, 'retry'],
      [2, 503, 'retry'],
    ]);
    expect(outcomes[1]!.disabledEndpoint).toMatch(/^failing since /);
    expect((await endpoints.get('acme', endpoint.endpoint_id))?.disabled_at).not.toBeNull();

    healthy = true;
    await endpoints.enable('acme', endpoint.endpoint_id, 'test');
    await runUntil(dispatcher, async () => outcomes.some((o) => o.ok));
    await dispatcher.drain();
    const [row] = await deliveries(endpoint.endpoint_id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 3, last_status: 200 });
    const endpointRow = await endpoints.get('acme', endpoint.endpoint_id);
    expect(endpointRow?.failing_since).toBeNull();
    const attempts = await db
      .selectFrom('webhook_attempts')
      .select(['attempt', 'status_code'])
      .where('delivery_id', '=', row!.delivery_id)
      .orderBy('attempt')
      .execute();
    expect(attempts).toEqual([
      { attempt: 1, status_code: 503 },
      { attempt: 2, status_code: 503 },
      { attempt: 3, status_code: 200 },
    ]);
  });

  it('fails a delivery for good once the schedule is exhausted', async () => {
    const broken = await startReceiver((_r, _n, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    const { endpoint } = await endpointWith(broken);
    await queue(endpoint.endpoint_id, 1, 'x');
    const outcomes: AttemptOutcome[] = [];
    const dispatcher = new WebhookDispatcher(db, agent, { ...settings, schedule: [0, 50, 50] }, (o) =>
      outcomes.push(o),
    );
    await runUntil(dispatcher, async () => outcomes.some((o) => o.result === 'failed'));
    await dispatcher.drain();
    expect(outcomes.map((o) => o.result)).toEqual(['retry', 'retry', 'failed']);
    const [row] = await deliveries(endpoint.endpoint_id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_status: 500, last_error: 'HTTP 500' });
    expect(row!.finished_at).toBeInstanceOf(Date);
  });
});
