import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { postKey, TOPICS, topicName, type PostV1Input, type VerdictV1 } from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { PolicySet } from '@vigil/policy';
import sharp from 'sharp';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/api/api-tokens';
import { openApiDocument } from '../src/http/openapi';
import type { Db } from '../src/database/database';
import { recordMediaSources } from '../src/media/media-sources';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { EndpointStore } from '../src/webhooks/endpoint-store';
import { eventually, freshSchema, makeResult, recordsForKey, startReceiver } from './support';
import { login, moderatorSession, PASSWORD, startModeration, type Session } from './review-support';

let broker: TestBroker;
let app: INestApplication;
let baseUrl: string;
let db: Db;
let drop: () => Promise<void>;
let recorder: ResultRecorder;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: Session;
const prefix = `${uniqueName('review')}.`;
const settings = () => broker.settings('review-test');

/** Records a model result that the default policy sends to review (hate 0.7); returns its task id. */
async function reviewTask(tenant: string, change: Parameters<typeof makeResult>[0] = {}) {
  const result = makeResult({ tenant, scores: { hate: 0.7 }, ...change });
  const recorded = await recorder.record(result);
  if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
  return { result, taskId: recorded.reviewTask, verdict: recorded.verdict };
}

/** A queue over one tenant's first-line tasks, so each test works on its own tasks. */
/** Ends a decision's undo window now, as if it had run out: its held Kafka record and webhook go out. */
async function closeUndoWindow(decisionId: string, verdictId: string): Promise<void> {
  const past = new Date(Date.now() - 1000);
  await db
    .updateTable('human_decisions')
    .set({ undo_until: past })
    .where('decision_id', '=', decisionId)
    .execute();
  await db.updateTable('outbox').set({ not_before: past }).where('verdict_id', '=', verdictId).execute();
  await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: past })
    .where('verdict_id', '=', verdictId)
    .execute();
}

async function tenantQueue(tenant: string, filter: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.call('/review/admin/queues', {
    method: 'POST',
    body: {
      queue_id: tenant,
      name: `Tenant ${tenant}`,
      filter: { tenants: [tenant], escalated: false, ...filter },
    },
  });
  expect(res.status).toBe(201);
  return tenant;
}

beforeAll(async () => {
  broker = await startTestBroker();
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  const schema = fresh.schema;
  ({ app, baseUrl } = await startModeration({
    ...broker.env(),
    KAFKA_TOPIC_PREFIX: prefix,
    DATABASE_SCHEMA: schema,
    MODERATION_ROLES: 'api,relay,webhooks,media',
    MEDIA_GROUP_ID: uniqueName('media'),
    OUTBOX_POLL_INTERVAL: '50ms',
    WEBHOOK_POLL_INTERVAL: '50ms',
    WEBHOOK_EGRESS_ALLOW: '127.0.0.1',
    REVIEW_MEDIA_EGRESS_ALLOW: '127.0.0.1',
    LOGIN_MAX_FAILURES: '3',
    // Long enough that a loaded machine still undoes inside it; tests that need the window closed move
    // it into the past for their decision (closeUndoWindow) rather than wait it out.
    REVIEW_UNDO_WINDOW: '30s',
  }));
  recorder = new ResultRecorder(db, new PolicySet([]));
  receiver = await startReceiver();
  admin = await moderatorSession(db, baseUrl, { username: 'root', role: 'admin' });
});

afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await drop?.();
  await new TopicAdmin(settings()).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
  await broker?.stop();
});

describe('moderator authentication and roles', () => {
  let viewer: Session;
  let moderator: Session;
  let taskId: string;

  beforeAll(async () => {
    await tenantQueue('roles');
    ({ taskId } = await reviewTask('roles'));
    viewer = await moderatorSession(db, baseUrl, { username: 'vera', role: 'viewer', queues: ['roles'] });
    moderator = await moderatorSession(db, baseUrl, { username: 'mo', role: 'moderator', queues: ['roles'] });
  });

  it('refuses every review route without a session (401), except login', async () => {
    const document = openApiDocument(app);
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/review'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => ({ path, method: method.toUpperCase() })))
      .filter((r) => !(r.path === '/review/session' && r.method === 'POST'));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const { path, method } of routes) {
      const url = path.replace(/\{[^}]+\}/g, (m) => (m === '{task}' ? taskId : 'x'));
      const res = await fetch(`${baseUrl}${url}`, { method, headers: { 'x-vigil-csrf': '1' } });
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 401`);
      expect(((await res.json()) as { code: string }).code).toBe('AUTH_SESSION_MISSING');
    }
  });

  it('a viewer reads queues and items but cannot claim or decide', async () => {
    const { queues } = await viewer.json<{ queues: { queue_id: string; open: number }[] }>('/review/queues');
    // Hate at 0.7 is the elevated tier (4 h), not urgent; the card says when the next task is due.
    const { tasks } = await viewer.json<{ tasks: { due_at: string }[] }>('/review/queues/roles/tasks');
    expect(queues).toEqual([
      expect.objectContaining({ queue_id: 'roles', open: 1, urgent: 0, next_due_at: tasks[0]!.due_at }),
    ]);
    const item = await viewer.call(`/review/queues/roles/tasks/${taskId}`);
    expect(item.status).toBe(200);
    for (const path of ['/review/queues/roles/claim', `/review/queues/roles/tasks/${taskId}/claim`]) {
      const res = await viewer.call(path, { method: 'POST', body: {} });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('AUTH_ROLE_FORBIDDEN');
    }
    const decide = await viewer.call(`/review/queues/roles/tasks/${taskId}/decision`, {
      method: 'POST',
      body: { decision: 'approve', reason_code: 'no_violation' },
    });
    expect(decide.status).toBe(403);
    const [row] = await db
      .selectFrom('review_tasks')
      .select('status')
      .where('task_id', '=', taskId)
      .execute();
    expect(row!.status).toBe('open');
  });

  it('a moderator decides but cannot administer', async () => {
    for (const [method, path, body] of [
      ['GET', '/review/admin/moderators', undefined],
      ['POST', '/review/admin/moderators', { username: 'eve', role: 'admin', password: 'x'.repeat(16) }],
      ['GET', '/review/admin/audit', undefined],
      ['POST', '/review/admin/queues', { queue_id: 'mine', name: 'Mine', filter: {} }],
      ['PATCH', `/review/admin/moderators/${moderator.moderatorId}`, { role: 'admin' }],
    ] as const) {
      const res = await moderator.call(path, { method, body });
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 403`);
    }
    expect(
      await db.selectFrom('moderators').select('username').where('username', '=', 'eve').execute(),
    ).toEqual([]);
    const [me] = await db.selectFrom('moderators').select('role').where('username', '=', 'mo').execute();
    expect(me!.role).toBe('moderator');
  });

  it('checks queue membership', async () => {
    const res = await moderator.call('/review/queues/appeals/tasks');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('AUTH_QUEUE_FORBIDDEN');
    const { queues } = await admin.json<{ queues: { queue_id: string }[] }>('/review/queues');
    expect(queues.map((q) => q.queue_id)).toEqual(
      expect.arrayContaining(['appeals', 'flagged', 'roles', 'senior']),
    );
  });

  it('saved filters belong to their owner: saved for a queue they work in, replaced by name, deleted once', async () => {
    const body = {
      queue_id: 'roles',
      name: 'German hate',
      filter: { languages: ['de'], categories: ['hate'] },
    };
    const saved = await moderator.json<{ filter_id: string; name: string; filter: unknown }>(
      '/review/saved-filters',
      { method: 'POST', body },
    );
    expect(saved).toMatchObject({ queue_id: 'roles', name: 'German hate', filter: body.filter });
    // The same name in the same queue replaces the filter and keeps its id.
    const replaced = await moderator.json<{ filter_id: string; filter: unknown }>('/review/saved-filters', {
      method: 'POST',
      body: { ...body, filter: { languages: ['de'] } },
    });
    expect(replaced).toMatchObject({ filter_id: saved.filter_id, filter: { languages: ['de'] } });
    expect((await moderator.json<{ filters: unknown[] }>('/review/saved-filters')).filters).toEqual([
      { filter_id: saved.filter_id, queue_id: 'roles', name: 'German hate', filter: { languages: ['de'] } },
    ]);
    // Not for a queue the moderator is not in; invisible to and not deletable by anyone else.
    const foreign = await moderator.call('/review/saved-filters', {
      method: 'POST',
      body: { ...body, queue_id: 'appeals' },
    });
    expect(foreign.status).toBe(403);
    expect((await viewer.json<{ filters: unknown[] }>('/review/saved-filters')).filters).toEqual([]);
    const notTheirs = await viewer.call(`/review/saved-filters/${saved.filter_id}`, { method: 'DELETE' });
    expect(notTheirs.status).toBe(404);
    expect(((await notTheirs.json()) as { code: string }).code).toBe('FILTER_NOT_FOUND');
    expect(
      (await moderator.call(`/review/saved-filters/${saved.filter_id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect(
      (await moderator.call(`/review/saved-filters/${saved.filter_id}`, { method: 'DELETE' })).status,
    ).toBe(404);
    expect((await moderator.call('/review/saved-filters/not-a-uuid', { method: 'DELETE' })).status).toBe(404);
  });

  it('needs the CSRF header on changes and refuses bad passwords, then throttles that username from that address', async () => {
    const noHeader = await moderator.call('/review/queues/roles/claim', {
      method: 'POST',
      body: {},
      csrf: false,
    });
    expect(noHeader.status).toBe(403);
    await moderatorSession(db, baseUrl, { username: 'lockme', role: 'viewer' });
    const attempt = (password: string) =>
      fetch(`${baseUrl}/review/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vigil-csrf': '1' },
        body: JSON.stringify({ username: 'lockme', password }),
      });
    expect((await attempt('wrong password 1')).status).toBe(401);
    expect((await attempt('wrong password 2')).status).toBe(401);
    expect((await attempt('wrong password 3')).status).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { code: string }).code).toBe('AUTH_LOGIN_LOCKED');
  });

  it('an idle session ends', async () => {
    const idle = await login(baseUrl, 'mo', moderator.moderatorId);
    await db
      .updateTable('moderator_sessions')
      .set({ last_seen_at: new Date(Date.now() - 2 * 3_600_000) })
      .where('moderator_id', '=', moderator.moderatorId)
      .execute();
    const res = await idle.call('/review/queues');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('AUTH_SESSION_INVALID');
  });

  it('logout and disabling end sessions server-side', async () => {
    const other = await login(baseUrl, 'vera', viewer.moderatorId);
    expect((await other.call('/review/session', { method: 'DELETE' })).status).toBe(204);
    expect((await other.call('/review/session')).status).toBe(401);
    const disable = await admin.call(`/review/admin/moderators/${viewer.moderatorId}`, {
      method: 'PATCH',
      body: { disabled: true },
    });
    expect(disable.status).toBe(200);
    expect((await viewer.call('/review/queues')).status).toBe(401);
    const audit = await admin.json<{ entries: { action: string; before: { disabled: boolean } }[] }>(
      `/review/admin/audit?subject_type=moderator&subject_id=${viewer.moderatorId}`,
    );
    expect(audit.entries[0]).toMatchObject({ action: 'moderator.updated', before: { disabled: false } });
  });
});

describe('claims', () => {
  it("logout gives the moderator's claimed tasks back to the queue at once", async () => {
    await tenantQueue('logout');
    const { taskId } = await reviewTask('logout');
    const lea = await moderatorSession(db, baseUrl, {
      username: 'lea',
      role: 'moderator',
      queues: ['logout'],
    });
    const kim = await moderatorSession(db, baseUrl, {
      username: 'kim',
      role: 'moderator',
      queues: ['logout'],
    });
    const claimed = await lea.json<{ task: { task_id: string } }>('/review/queues/logout/claim', {
      method: 'POST',
      body: {},
    });
    expect(claimed.task.task_id).toBe(taskId);
    expect(
      (await kim.json<{ task: null }>('/review/queues/logout/claim', { method: 'POST', body: {} })).task,
    ).toBeNull();
    expect((await lea.call('/review/session', { method: 'DELETE' })).status).toBe(204);
    expect(
      await db
        .selectFrom('review_tasks')
        .select(['status', 'claimed_by', 'claimed_at'])
        .where('task_id', '=', taskId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'open', claimed_by: null, claimed_at: null });
    const next = await kim.json<{ task: { task_id: string } }>('/review/queues/logout/claim', {
      method: 'POST',
      body: {},
    });
    expect(next.task.task_id).toBe(taskId);
  });
  it('100 concurrent claims by two moderators never return the same task; extra claims get none', async () => {
    await tenantQueue('claims');
    const tasks = new Set<string>();
    for (let i = 0; i < 100; i += 1) tasks.add((await reviewTask('claims')).taskId);
    const ann = await moderatorSession(db, baseUrl, {
      username: 'ann',
      role: 'moderator',
      queues: ['claims'],
    });
    const bob = await moderatorSession(db, baseUrl, {
      username: 'bob',
      role: 'moderator',
      queues: ['claims'],
    });

    const claims = await Promise.all(
      Array.from({ length: 120 }, (_, i) => {
        const who = i % 2 === 0 ? ann : bob;
        return who
          .json<{ task: { task_id: string } | null }>('/review/queues/claims/claim', {
            method: 'POST',
            body: {},
          })
          .then((r) => ({ who: who.moderatorId, task: r.task?.task_id ?? null }));
      }),
    );
    const got = claims.filter((c) => c.task !== null);
    expect(got).toHaveLength(100);
    expect(new Set(got.map((c) => c.task)).size).toBe(100);
    expect(new Set(got.map((c) => c.task))).toEqual(tasks);
    const rows = await db
      .selectFrom('review_tasks')
      .select(['task_id', 'claimed_by', 'status'])
      .where('tenant_id', '=', 'claims')
      .execute();
    for (const c of got) {
      expect(rows.find((r) => r.task_id === c.task)).toMatchObject({ status: 'claimed', claimed_by: c.who });
    }
    expect(got.filter((c) => c.who === ann.moderatorId).length).toBeGreaterThan(0);
    expect(got.filter((c) => c.who === bob.moderatorId).length).toBeGreaterThan(0);
  });

  it('an expired lease returns the task to the queue; the first holder can no longer decide', async () => {
    await tenantQueue('lease');
    const { taskId } = await reviewTask('lease');
    const ann = await login(
      baseUrl,
      'ann',
      (
        await db
          .selectFrom('moderators')
          .select('moderator_id')
          .where('username', '=', 'ann')
          .executeTakeFirstOrThrow()
      ).moderator_id,
    );
    await admin.call(`/review/admin/moderators/${ann.moderatorId}`, {
      method: 'PATCH',
      body: { queues: ['claims', 'lease'] },
    });
    const carl = await moderatorSession(db, baseUrl, {
      username: 'carl',
      role: 'moderator',
      queues: ['lease'],
    });

    const first = await ann.json<{
      task: { task_id: string; claimed_at: string | null; platform_priority: string | null };
    }>('/review/queues/lease/claim', { method: 'POST', body: {} });
    expect(first.task.task_id).toBe(taskId);
    expect(first.task.platform_priority).toBeNull(); // a model flag, not sent by a platform
    expect(Math.abs(Date.parse(first.task.claimed_at!) - Date.now())).toBeLessThan(60_000);
    // Renewing keeps the claim's start.
    const renewed = await ann.json<{ claimed_at: string | null }>(
      `/review/queues/lease/tasks/${taskId}/claim`,
      {
        method: 'POST',
      },
    );
    expect(renewed.claimed_at).toBe(first.task.claimed_at);
    expect(
      (await carl.json<{ task: null }>('/review/queues/lease/claim', { method: 'POST', body: {} })).task,
    ).toBeNull();
    const taken = await carl.call(`/review/queues/lease/tasks/${taskId}/claim`, { method: 'POST' });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { code: string }).code).toBe('TASK_CLAIMED_BY_OTHER');

    // The lease runs out (time moved forward for this row).
    await db
      .updateTable('review_tasks')
      .set({ claim_expires_at: new Date(Date.now() - 1000) })
      .where('task_id', '=', taskId)
      .execute();
    const list = await carl.json<{ tasks: { task_id: string; status: string }[] }>(
      '/review/queues/lease/tasks',
    );
    expect(list.tasks).toEqual([expect.objectContaining({ task_id: taskId, status: 'open' })]);
    const second = await carl.json<{ task: { task_id: string; claimed_by_me: boolean; claimed_at: string } }>(
      '/review/queues/lease/claim',
      { method: 'POST', body: {} },
    );
    expect(second.task).toMatchObject({ task_id: taskId, claimed_by_me: true });
    // A new holder after the lease ran out: a new start.
    expect(Date.parse(second.task.claimed_at)).toBeGreaterThan(Date.parse(first.task.claimed_at!));
    const late = await ann.call(`/review/queues/lease/tasks/${taskId}/decision`, {
      method: 'POST',
      body: { decision: 'remove', reason_code: 'hate' },
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('TASK_NOT_CLAIMED');

    expect((await carl.call(`/review/queues/lease/tasks/${taskId}/release`, { method: 'POST' })).status).toBe(
      204,
    );
    const [row] = await db
      .selectFrom('review_tasks')
      .select(['status', 'claimed_by', 'claimed_at'])
      .where('task_id', '=', taskId)
      .execute();
    expect(row).toEqual({ status: 'open', claimed_by: null, claimed_at: null });
  });
});

describe('decisions', () => {
  let dana: Session;
  let endpointId: string;
  let secret: string;

  beforeAll(async () => {
    await tenantQueue('decide');
    dana = await moderatorSession(db, baseUrl, {
      username: 'dana',
      role: 'moderator',
      queues: ['decide', 'senior'],
    });
    ({
      endpoint: { endpoint_id: endpointId },
      secret,
    } = await new EndpointStore(db).create({
      tenantId: 'decide',
      url: receiver.url,
      maxConcurrency: 2,
      actor: 'test',
    }));
  });

  it('remove → human verdict row, Kafka record, signed webhook, decision, feedback labels and audit entry', async () => {
    const { result, taskId, verdict: model } = await reviewTask('decide', { endpointId });
    await dana.json(`/review/queues/decide/tasks/${taskId}/claim`, { method: 'POST' });
    const outcome = await dana.json<{ decision_id: string; verdict_id: string; task_status: string }>(
      `/review/queues/decide/tasks/${taskId}/decision`,
      {
        method: 'POST',
        body: {
          decision: 'remove',
          reason_code: 'hate',
          note: 'slur aimed at a group',
          feedback: [
            { category: 'hate', agrees: true },
            { category: 'harassment', agrees: false },
          ],
        },
      },
    );
    expect(outcome.task_status).toBe('resolved');
    await closeUndoWindow(outcome.decision_id, outcome.verdict_id);

    const rows = await db
      .selectFrom('verdicts')
      .selectAll()
      .where('post_id', '=', result.post_id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.source)).toEqual(['model', 'human']);
    expect(rows[1]).toMatchObject({
      verdict_id: outcome.verdict_id,
      strongest_action: 'remove',
      supersedes: model.verdict_id,
      policy_id: 'default',
    });
    const human = rows[1]!.payload as VerdictV1;
    expect(human.actions).toEqual([{ action: 'remove', rule: 'human.remove', category: 'hate' }]);
    expect(human.review).toEqual({ decision: 'remove', reason_code: 'hate', moderator_id: dana.moderatorId });
    expect(human.scores).toEqual(model.scores);

    const delivered = await eventually(async () =>
      receiver.requests.find(
        (r) => (JSON.parse(r.body) as { data: VerdictV1 }).data.verdict_id === outcome.verdict_id,
      ),
    );
    const event = new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>) as {
      data: VerdictV1;
    };
    expect(event.data).toMatchObject({
      source: 'human',
      post_id: result.post_id,
      review: { reason_code: 'hate' },
    });

    // The relay publishes the outbox on its own schedule: the webhook can arrive before the Kafka record.
    const records = await eventually(async () => {
      const read = await recordsForKey(
        settings(),
        topicName(TOPICS.verdicts, prefix),
        postKey('decide', result.post_id),
      );
      return read.some((r) => String(r.headers['vigil-verdict-id']) === outcome.verdict_id) && read;
    });
    expect(records.map((r) => String(r.headers['vigil-verdict-id']))).toContain(outcome.verdict_id);

    const [decision] = await db
      .selectFrom('human_decisions')
      .selectAll()
      .where('task_id', '=', taskId)
      .execute();
    expect(decision).toMatchObject({
      decision: 'remove',
      reason_code: 'hate',
      notes: 'slur aimed at a group',
      moderator_id: dana.moderatorId,
      verdict_id: outcome.verdict_id,
    });
    const feedback = await db
      .selectFrom('review_feedback')
      .select(['category', 'agrees', 'model_score'])
      .where('decision_id', '=', outcome.decision_id)
      .orderBy('category')
      .execute();
    expect(feedback).toEqual([
      { category: 'harassment', agrees: false, model_score: 0.01 },
      { category: 'hate', agrees: true, model_score: 0.7 },
    ]);
    const [entry] = await db.selectFrom('audit_log').selectAll().where('subject_id', '=', taskId).execute();
    expect(entry).toMatchObject({
      actor: `moderator:${dana.moderatorId}`,
      tenant_id: 'decide',
      action: 'review.decided',
      before: { verdict_id: model.verdict_id, source: 'model', actions: model.actions },
      after: {
        decision: 'remove',
        reason_code: 'hate',
        verdict_id: outcome.verdict_id,
        task_status: 'resolved',
      },
    });
    const again = await dana.call(`/review/queues/decide/tasks/${taskId}/decision`, {
      method: 'POST',
      body: { decision: 'approve', reason_code: 'no_violation' },
    });
    expect(again.status).toBe(409);
  });

  it('undo inside the window withdraws the held verdict unpublished and gives the task back; after it, 409', async () => {
    const {
      result,
      taskId,
      verdict: model,
    } = await reviewTask('decide', { endpointId, postId: 'undone-post' });
    await dana.json(`/review/queues/decide/tasks/${taskId}/claim`, { method: 'POST' });
    const decide = (decision: string, reason_code: string) =>
      dana.json<{ decision_id: string; verdict_id: string; undo_until: string }>(
        `/review/queues/decide/tasks/${taskId}/decision`,
        { method: 'POST', body: { decision, reason_code, feedback: [{ category: 'hate', agrees: true }] } },
      );
    // Someone else (logged in beforehand) cannot undo it.
    const other = await moderatorSession(db, baseUrl, {
      username: 'omar',
      role: 'moderator',
      queues: ['decide'],
    });
    const first = await decide('remove', 'hate');
    expect(Date.parse(first.undo_until) - Date.now()).toBeGreaterThan(20_000);
    // Held: neither the Kafka record nor the webhook goes out inside the window.
    const held = await db
      .selectFrom('outbox')
      .select(['sent_at', 'not_before'])
      .where('verdict_id', '=', first.verdict_id)
      .execute();
    expect(held).toEqual([{ sent_at: null, not_before: new Date(first.undo_until) }]);
    expect((await other.call(`/review/decisions/${first.decision_id}/undo`, { method: 'POST' })).status).toBe(
      404,
    );

    const undone = await dana.json<{ task_id: string; task_status: string }>(
      `/review/decisions/${first.decision_id}/undo`,
      { method: 'POST' },
    );
    expect(undone).toEqual({ decision_id: first.decision_id, task_id: taskId, task_status: 'claimed' });
    expect(
      await db.selectFrom('outbox').select('id').where('verdict_id', '=', first.verdict_id).execute(),
    ).toEqual([]);
    const verdicts = await db
      .selectFrom('verdicts')
      .select('verdict_id')
      .where('post_id', '=', result.post_id)
      .execute();
    expect(verdicts).toEqual([{ verdict_id: model.verdict_id }]);
    expect(
      await db
        .selectFrom('review_feedback')
        .select('category')
        .where('decision_id', '=', first.decision_id)
        .execute(),
    ).toEqual([]);
    const [entry] = await db
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('subject_id', '=', taskId)
      .where('action', '=', 'review.undone')
      .execute();
    expect(entry).toMatchObject({ before: { decision_id: first.decision_id, verdict_id: first.verdict_id } });

    // Decided anew (still holding the claim): this one goes out once its window closes; undo is then refused.
    const second = await decide('approve', 'no_violation');
    await closeUndoWindow(second.decision_id, second.verdict_id);
    const delivered = await eventually(async () =>
      receiver.requests.find((r) => {
        const { data } = JSON.parse(r.body) as { data: VerdictV1 };
        return data.post_id === result.post_id && data.source === 'human';
      }),
    );
    expect((JSON.parse(delivered.body) as { data: VerdictV1 }).data.verdict_id).toBe(second.verdict_id);
    const late = await dana.call(`/review/decisions/${second.decision_id}/undo`, { method: 'POST' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('UNDO_WINDOW_CLOSED');
    // The withdrawn verdict never reached the platform.
    expect(
      receiver.requests.filter(
        (r) => (JSON.parse(r.body) as { data: VerdictV1 }).data.verdict_id === first.verdict_id,
      ),
    ).toEqual([]);
  });

  it('refuses a reason code of another decision', async () => {
    const { taskId } = await reviewTask('decide');
    await dana.json(`/review/queues/decide/tasks/${taskId}/claim`, { method: 'POST' });
    const res = await dana.call(`/review/queues/decide/tasks/${taskId}/decision`, {
      method: 'POST',
      body: { decision: 'approve', reason_code: 'hate' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('REASON_CODE_INVALID');
    await dana.call(`/review/queues/decide/tasks/${taskId}/release`, { method: 'POST' });
  });

  it('escalate moves the task to the senior queue without a verdict', async () => {
    const { result, taskId } = await reviewTask('decide', { postId: 'escalated-post' });
    await dana.json(`/review/queues/decide/tasks/${taskId}/claim`, { method: 'POST' });
    const outcome = await dana.json<{ verdict_id: string | null; task_status: string }>(
      `/review/queues/decide/tasks/${taskId}/decision`,
      { method: 'POST', body: { decision: 'escalate', reason_code: 'credible_threat' } },
    );
    expect(outcome).toMatchObject({ verdict_id: null, task_status: 'open' });
    const verdicts = await db
      .selectFrom('verdicts')
      .select('source')
      .where('post_id', '=', result.post_id)
      .execute();
    expect(verdicts).toEqual([{ source: 'model' }]);
    const first = await dana.json<{ tasks: { task_id: string }[] }>('/review/queues/decide/tasks');
    expect(first.tasks.map((t) => t.task_id)).not.toContain(taskId);
    const senior = await dana.json<{ tasks: { task_id: string; escalation_level: number }[] }>(
      '/review/queues/senior/tasks',
    );
    expect(senior.tasks).toContainEqual(expect.objectContaining({ task_id: taskId, escalation_level: 1 }));
  });
});

describe('appeals and reports from platforms', () => {
  let token: string;
  let ella: Session;

  beforeAll(async () => {
    ({ token } = await createApiToken(db, {
      tenantId: 'appeal',
      name: 'platform',
      scopes: ['verdicts:read', 'appeals:write', 'reports:write'],
      actor: 'test',
    }));
    ella = await moderatorSession(db, baseUrl, {
      username: 'ella',
      role: 'moderator',
      queues: ['appeals', 'reports'],
    });
  });

  const platform = (path: string, body: unknown, bearer = token) =>
    fetch(`${baseUrl}/v1/tenants/appeal${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('an appeal reopens a removed post in the appeals queue with its history; approving it publishes a new verdict', async () => {
    // A post removed by the model (hate 0.95 ≥ the remove threshold 0.9): no review task of its own.
    const result = makeResult({ tenant: 'appeal', postId: 'removed-post', scores: { hate: 0.95 } });
    await recorder.record(result);

    const opened = await platform('/posts/removed-post/appeals', {
      appeal_id: 'ap-1',
      statement: 'I was quoting the slur to condemn it.',
    });
    expect(opened.status).toBe(201);
    const task = (await opened.json()) as { task_id: string; created: boolean; revision: number };
    expect(task).toMatchObject({ created: true, revision: 0 });
    const repeat = await platform('/posts/removed-post/appeals', { appeal_id: 'ap-1' });
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { task_id: string }).task_id).toBe(task.task_id);

    const { tasks } = await ella.json<{ tasks: { task_id: string; source: string; categories: string[] }[] }>(
      '/review/queues/appeals/tasks',
    );
    expect(tasks).toContainEqual(
      expect.objectContaining({ task_id: task.task_id, source: 'appeal', categories: ['hate'] }),
    );
    await ella.json(`/review/queues/appeals/tasks/${task.task_id}/claim`, { method: 'POST' });
    const detail = await ella.json<{
      task: { statement: string; reasons: { action: string }[] };
      verdict: { source: string };
      history: { kind: string; summary: string; detail: string | null }[];
    }>(`/review/queues/appeals/tasks/${task.task_id}`);
    expect(detail.task.statement).toBe('I was quoting the slur to condemn it.');
    expect(detail.task.reasons).toEqual([expect.objectContaining({ action: 'remove' })]);
    expect(detail.history.map((h) => h.kind).sort()).toEqual(['revision', 'task', 'verdict']);
    expect(detail.history.find((h) => h.kind === 'verdict')!.summary).toContain('model verdict: remove');

    await ella.json(`/review/queues/appeals/tasks/${task.task_id}/decision`, {
      method: 'POST',
      body: { decision: 'approve', reason_code: 'counter_speech' },
    });
    const lookup = await fetch(`${baseUrl}/v1/tenants/appeal/posts/removed-post/verdict`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const verdict = (await lookup.json()) as VerdictV1;
    expect(verdict).toMatchObject({
      source: 'human',
      actions: [{ action: 'allow', rule: 'human.approve' }],
      review: { decision: 'approve', reason_code: 'counter_speech', moderator_id: ella.moderatorId },
    });
    const resolved = await ella.json<{
      task: { status: string };
      verdict: { source: string };
      history: { kind: string }[];
    }>(`/review/queues/appeals/tasks/${task.task_id}`);
    expect(resolved.task.status).toBe('resolved');
    expect(resolved.verdict.source).toBe('human');
    expect(resolved.history.filter((h) => h.kind === 'verdict')).toHaveLength(2);
    expect(resolved.history[0]!.kind).toMatch(/verdict|decision/);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', task.task_id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['appeal.opened', 'review.decided']);
  });

  it('a user report opens a task in the reports queue; scopes and unknown posts are refused', async () => {
    await recorder.record(makeResult({ tenant: 'appeal', postId: 'reported-post' }));
    const res = await platform('/posts/reported-post/reports', {
      report_id: 'r-1',
      category: 'harassment',
      priority: 'high',
    });
    expect(res.status).toBe(201);
    const { task_id } = (await res.json()) as { task_id: string };
    const { tasks } = await ella.json<{ tasks: { task_id: string; categories: string[] }[] }>(
      '/review/queues/reports/tasks',
    );
    // The platform's urgency as sent, beside the integer queue priority derived from it.
    expect(tasks).toContainEqual(
      expect.objectContaining({
        task_id,
        categories: ['harassment'],
        platform_priority: 'high',
        priority: 250,
      }),
    );
    const detail = await ella.json<{ task: { platform_priority: string | null } }>(
      `/review/queues/reports/tasks/${task_id}`,
    );
    expect(detail.task.platform_priority).toBe('high');

    expect((await platform('/posts/nope/reports', { report_id: 'r-2' })).status).toBe(404);
    const { token: readOnly } = await createApiToken(db, {
      tenantId: 'appeal',
      name: 'ro',
      scopes: ['verdicts:read'],
      actor: 'test',
    });
    const forbidden = await platform('/posts/reported-post/appeals', { appeal_id: 'ap-9' }, readOnly);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string }).code).toBe('AUTH_SCOPE_MISSING');
  });
});

describe('media for the item view', () => {
  let png: Buffer;
  let server: ReturnType<typeof createServer>;
  let mediaBase: string;
  let fay: Session;

  beforeAll(async () => {
    png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c03' } })
      .png()
      .toBuffer();
    server = createServer((req, res) => {
      if (req.url === '/photo.png') {
        res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      } else if (req.url === '/page.html') {
        res.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    mediaBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await tenantQueue('media');
    fay = await moderatorSession(db, baseUrl, { username: 'fay', role: 'viewer', queues: ['media'] });
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const post = (postId: string, media: PostV1Input['media']): PostV1Input => ({
    schema_version: 1,
    post_id: postId,
    tenant_id: 'media',
    revision: 0,
    created_at: new Date().toISOString(),
    author: 'u-1',
    text: 'look',
    media,
  });

  it('records sources from the posts topic and serves the bytes through the proxy, blurred by the item view', async () => {
    const { taskId } = await reviewTask('media', {
      postId: 'photo-post',
      scores: { hate: 0.7, sexual: 0.55 },
    });
    const producer = new RecordProducer(settings());
    await producer.send(topicName(TOPICS.posts, prefix), [
      {
        key: postKey('media', 'photo-post'),
        value: JSON.stringify(
          post('photo-post', [{ media_id: 'm1', kind: 'image', source: { url: `${mediaBase}/photo.png` } }]),
        ),
      },
      { key: 'media:garbage', value: 'not json' },
    ]);
    await producer.disconnect();
    await eventually(() =>
      db.selectFrom('media_sources').select('url').where('post_id', '=', 'photo-post').executeTakeFirst(),
    );

    const detail = await fay.json<{
      media: { media_id: string; src: string; sensitive: { blur: boolean; reasons: string[] } }[];
    }>(`/review/queues/media/tasks/${taskId}`);
    expect(detail.media).toEqual([
      expect.objectContaining({
        media_id: 'm1',
        src: '/review/media/media/photo-post/0/m1',
        sensitive: { blur: true, reasons: ['sexual 0.55'] },
      }),
    ]);
    const res = await fay.call(detail.media[0]!.src);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('vigil-media-match')).toBe('changed'); // makeResult stored a random sha256
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);

    const ranged = await fetch(`${baseUrl}${detail.media[0]!.src}`, {
      headers: { cookie: fay.cookie, range: 'bytes=0-9' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-9/${png.length}`);
    expect((await ranged.arrayBuffer()).byteLength).toBe(10);
  });

  it('lists flagged frame times for video, speech segments for audio; only visual media are blurred', async () => {
    const base = makeResult({ tenant: 'media', postId: 'clip-post', scores: { hate: 0.7 } });
    const recorded = await recorder.record({
      ...base,
      scores: base.scores.map((s) =>
        s.category === 'violence/graphic'
          ? {
              ...s,
              score: 0.66,
              severity: 2,
              attribution: [
                { modality: 'video_frames', media_id: 'v1', timestamp_ms: 3000, weight: 0.9 },
                { modality: 'caption', weight: 0.1 },
              ],
            }
          : s,
      ),
      media: [
        {
          media_id: 'a1',
          kind: 'audio',
          status: 'ok',
          speech: [{ start_ms: 500, end_ms: 2400 }],
          transcript: 'hello there',
        },
        { media_id: 'v1', kind: 'video', status: 'ok' },
      ],
    });
    if (recorded.outcome !== 'created') throw new Error('expected a verdict');
    const detail = await fay.json<{ media: Record<string, unknown>[] }>(
      `/review/queues/media/tasks/${recorded.reviewTask}`,
    );
    expect(detail.media).toEqual([
      expect.objectContaining({
        media_id: 'a1',
        speech: [{ start_ms: 500, end_ms: 2400 }],
        transcript: 'hello there',
        flagged: [],
        sensitive: { blur: false, reasons: [] },
        src: null,
        src_missing_reason: 'the post record with its media was not seen',
      }),
      expect.objectContaining({
        media_id: 'v1',
        flagged: [{ timestamp_ms: 3000, category: 'violence/graphic', score: 0.66 }],
        sensitive: { blur: true, reasons: ['violence/graphic 0.66'] },
      }),
    ]);
  });

  it('serves inline bytes, refuses files that are not media, and hides media of posts outside your queues', async () => {
    const inline = await reviewTask('media', { postId: 'inline-post' });
    await recordMediaSources(
      db,
      {
        ...post('inline-post', [
          { media_id: 'm1', kind: 'image', source: { inline: png.toString('base64') } },
        ]),
        priority: 'normal',
      } as never,
      1024 * 1024,
    );
    const ok = await fay.call('/review/media/media/inline-post/0/m1');
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(png)).toBe(true);
    expect(inline.taskId).toBeTruthy();

    await reviewTask('media', { postId: 'html-post' });
    await recordMediaSources(
      db,
      {
        ...post('html-post', [{ media_id: 'm1', kind: 'image', source: { url: `${mediaBase}/page.html` } }]),
      } as never,
      1024,
    );
    const html = await fay.call('/review/media/media/html-post/0/m1');
    expect(html.status).toBe(502);
    expect(((await html.json()) as { code: string }).code).toBe('MEDIA_UNAVAILABLE');

    await reviewTask('elsewhere', { postId: 'hidden-post' });
    await recordMediaSources(
      db,
      {
        ...post('hidden-post', [
          { media_id: 'm1', kind: 'image', source: { url: `${mediaBase}/photo.png` } },
        ]),
        tenant_id: 'elsewhere',
      } as never,
      1024,
    );
    expect((await fay.call('/review/media/elsewhere/hidden-post/0/m1')).status).toBe(404);
    expect((await admin.call('/review/media/elsewhere/hidden-post/0/m1')).status).toBe(200);
  });
});

describe("a team lead's view", () => {
  it('stats per moderator and queue, appeal overturns and model agreement; the audit log filtered and as CSV', async () => {
    await tenantQueue('stats');
    const lead = await moderatorSession(db, baseUrl, { username: 'lead', role: 'admin' });
    const mo = await moderatorSession(db, baseUrl, {
      username: 'stat',
      role: 'moderator',
      queues: ['stats'],
    });
    const decided: string[] = [];
    for (const [i, decision, reason] of [
      [1, 'remove', 'hate'],
      [2, 'approve', 'no_violation'],
    ] as const) {
      const { taskId } = await reviewTask('stats', { postId: `stats-${i}` });
      await mo.json(`/review/queues/stats/tasks/${taskId}/claim`, { method: 'POST' });
      await mo.json(`/review/queues/stats/tasks/${taskId}/decision`, {
        method: 'POST',
        body: {
          decision,
          reason_code: reason,
          feedback: [{ category: 'hate', agrees: decision === 'remove' }],
        },
      });
      decided.push(taskId);
    }
    expect((await mo.call('/review/admin/stats')).status).toBe(403);
    const stats = await lead.json<{
      moderators: { moderator_id: string; decisions: number; median_decision_seconds: number | null }[];
      queues: { queue_id: string; decisions: number; sla_breaches: number }[];
      model_agreement: { labels: number; agreed: number };
      appeals: { decided: number; overturn_rate: number | null };
    }>('/review/admin/stats');
    expect(stats.moderators).toContainEqual(
      expect.objectContaining({
        moderator_id: mo.moderatorId,
        decisions: 2,
        median_decision_seconds: expect.any(Number),
      }),
    );
    expect(stats.queues).toContainEqual(
      expect.objectContaining({ queue_id: 'stats', decisions: 2, sla_breaches: 0 }),
    );
    expect(stats.model_agreement.labels).toBeGreaterThanOrEqual(2);
    expect(stats.model_agreement.agreed).toBeGreaterThanOrEqual(1);

    const actor = `moderator:${mo.moderatorId}`;
    const page = await lead.json<{ entries: { action: string; subject_id: string }[] }>(
      `/review/admin/audit?action=review.&actor=${encodeURIComponent(actor)}`,
    );
    expect(page.entries.map((e) => [e.action, e.subject_id])).toEqual([
      ['review.decided', decided[1]],
      ['review.decided', decided[0]],
    ]);
    const csv = await lead.call(`/review/admin/audit.csv?actor=${encodeURIComponent(actor)}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor,actor_name,actor_username,tenant_id,action,summary,subject_type,subject_id,' +
        'subject_tenant,subject_post_id,subject_revision,before,after',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      `,${actor},stat,stat,stats,review.decided,approve (no_violation),review_task,${decided[1]},stats,stats-2,0,`,
    );
  });
});
