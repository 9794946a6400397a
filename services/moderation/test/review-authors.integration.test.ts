/**
 * Author context and author actions over HTTP against PostgreSQL and Kafka: the posts topic records each
 * post's author; the item's author context lists the author's posts, decisions, actions and strikes within
 * the tenant only; warn / mute / suspend are stored, audited and delivered as signed `author.action`
 * webhooks, idempotently; a mute or suspension can be lifted (`author.action.lifted`), a warning cannot;
 * viewers read but cannot act; nothing crosses tenants.
 */
import type { INestApplication } from '@nestjs/common';
import {
  AuthorActionLiftedV1Schema,
  AuthorActionV1Schema,
  postKey,
  TOPICS,
  topicName,
  type PostV1,
  type PostV1Input,
} from '@vigil/contracts';
import { RecordProducer, TopicAdmin } from '@vigil/kafka';
import { startTestBroker, uniqueName, type TestBroker } from '@vigil/kafka/testing';
import { PolicySet } from '@vigil/policy';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import {
  authorActionMessageId,
  authorLiftMessageId,
  authorRef,
  recordPostAuthor,
} from '../src/review/author-records';
import type { AuthorActionResponse, AuthorContext, AuthorLiftResponse } from '../src/review/author-schemas';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { EndpointStore } from '../src/webhooks/endpoint-store';
import { eventually, freshSchema, makeResult, startReceiver } from './support';
import { moderatorSession, startModeration, type Session } from './review-support';

let broker: TestBroker;
let app: INestApplication;
let db: Db;
let drop: () => Promise<void>;
let recorder: ResultRecorder;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: Session;
let mia: Session;
let rex: Session;
let vic: Session;
let endpointId: string;
let secret: string;
const prefix = `${uniqueName('authors')}.`;
const settings = () => broker.settings('authors-test');

const ACCOUNT_CREATED = new Date(Date.now() - 400 * 86_400_000).toISOString();

function post(tenant: string, postId: string, author: string, extra: Partial<PostV1Input> = {}): PostV1 {
  return {
    schema_version: 1,
    post_id: postId,
    tenant_id: tenant,
    revision: 0,
    created_at: new Date().toISOString(),
    author,
    text: '',
    media: [],
    priority: 'normal',
    ...extra,
  } as PostV1;
}

/** Records a model result (and the post's author as the posts topic would); returns task and verdict. */
async function authorPost(
  tenant: string,
  author: string | null,
  scores: Parameters<typeof makeResult>[0]['scores'],
  options: { endpointId?: string; created?: string } = {},
) {
  const postId = uniqueName('p').replace('.', '-');
  const recorded = await recorder.record(
    makeResult({ tenant, postId, scores, ...(options.endpointId ? { endpointId: options.endpointId } : {}) }),
  );
  if (recorded.outcome !== 'created') throw new Error('expected a new verdict');
  if (author) {
    await recordPostAuthor(db, post(tenant, postId, author, { author_created_at: options.created }));
  }
  return { postId, taskId: recorded.reviewTask, verdict: recorded.verdict };
}

const context = (who: Session, queue: string, taskId: string) =>
  who.call(`/review/queues/${queue}/tasks/${taskId}/author`);
const act = (who: Session, queue: string, taskId: string, body: unknown, csrf = true) =>
  who.call(`/review/queues/${queue}/tasks/${taskId}/author/actions`, { method: 'POST', body, csrf });
const lift = (
  who: Session,
  queue: string,
  taskId: string,
  actionId: string,
  body: unknown = {},
  csrf = true,
) =>
  who.call(`/review/queues/${queue}/tasks/${taskId}/author/actions/${actionId}/lift`, {
    method: 'POST',
    body,
    csrf,
  });

beforeAll(async () => {
  broker = await startTestBroker();
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  let baseUrl: string;
  ({ app, baseUrl } = await startModeration({
    ...broker.env(),
    KAFKA_TOPIC_PREFIX: prefix,
    DATABASE_SCHEMA: fresh.schema,
    MODERATION_ROLES: 'api,webhooks,media',
    MEDIA_GROUP_ID: uniqueName('media'),
    WEBHOOK_POLL_INTERVAL: '50ms',
    WEBHOOK_EGRESS_ALLOW: '127.0.0.1',
    REVIEW_UNDO_WINDOW: '30s',
  }));
  recorder = new ResultRecorder(db, new PolicySet([]));
  receiver = await startReceiver();
  admin = await moderatorSession(db, baseUrl, { username: 'root', role: 'admin' });
  for (const tenant of ['acme', 'rival']) {
    const res = await admin.call('/review/admin/queues', {
      method: 'POST',
      body: { queue_id: tenant, name: `Tenant ${tenant}`, filter: { tenants: [tenant], escalated: false } },
    });
    expect(res.status).toBe(201);
  }
  mia = await moderatorSession(db, baseUrl, { username: 'mia', role: 'moderator', queues: ['acme'] });
  rex = await moderatorSession(db, baseUrl, { username: 'rex', role: 'moderator', queues: ['rival'] });
  vic = await moderatorSession(db, baseUrl, { username: 'vic', role: 'viewer', queues: ['acme'] });
  ({
    endpoint: { endpoint_id: endpointId },
    secret,
  } = await new EndpointStore(db).create({
    tenantId: 'acme',
    url: receiver.url,
    maxConcurrency: 2,
    actor: 'test',
  }));
});

afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await drop?.();
  await new TopicAdmin(settings()).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
  await broker?.stop();
});

describe('post authors', () => {
  it('records the author and account creation time from the posts topic, per tenant, updating on edits', async () => {
    const producer = new RecordProducer(settings());
    const topic = topicName(TOPICS.posts, prefix);
    await producer.send(topic, [
      { key: postKey('acme', 'kafka-post'), value: JSON.stringify(post('acme', 'kafka-post', 'u-kafka')) },
      { key: postKey('rival', 'kafka-post'), value: JSON.stringify(post('rival', 'kafka-post', 'u-other')) },
      { key: 'acme:garbage', value: 'not json' },
      {
        key: postKey('acme', 'kafka-post'),
        value: JSON.stringify(
          post('acme', 'kafka-post', 'u-kafka', { revision: 1, author_created_at: ACCOUNT_CREATED }),
        ),
      },
    ]);
    await producer.disconnect();
    const rows = await eventually(async () => {
      const found = await db
        .selectFrom('post_authors')
        .select(['tenant_id', 'post_id', 'author', 'author_created_at'])
        .where('post_id', '=', 'kafka-post')
        .orderBy('tenant_id')
        .execute();
      return found.length === 2 && found[0]!.author_created_at ? found : undefined;
    });
    expect(rows).toEqual([
      {
        tenant_id: 'acme',
        post_id: 'kafka-post',
        author: 'u-kafka',
        author_created_at: new Date(ACCOUNT_CREATED),
      },
      { tenant_id: 'rival', post_id: 'kafka-post', author: 'u-other', author_created_at: null },
    ]);
  });
});

describe('author context and actions', () => {
  let current: Awaited<ReturnType<typeof authorPost>>;
  let removed: Awaited<ReturnType<typeof authorPost>>;
  let allowed: Awaited<ReturnType<typeof authorPost>>;
  let removeDecision: string;
  let rivalTask: string;

  beforeAll(async () => {
    // u-1 in acme: the post under review, one a moderator removed, one the model allowed, one whose
    // removal was undone; another author's post; u-1's namesake in rival.
    current = await authorPost('acme', 'u-1', { hate: 0.7 }, { endpointId, created: ACCOUNT_CREATED });
    removed = await authorPost('acme', 'u-1', { harassment: 0.75 });
    allowed = await authorPost('acme', 'u-1', {});
    const undone = await authorPost('acme', 'u-1', { hate: 0.72 });
    await authorPost('acme', 'u-2', { hate: 0.71 });
    rivalTask = (await authorPost('rival', 'u-1', { hate: 0.7 })).taskId!;

    await mia.json(`/review/queues/acme/tasks/${removed.taskId}/claim`, { method: 'POST' });
    ({ decision_id: removeDecision } = await mia.json<{ decision_id: string }>(
      `/review/queues/acme/tasks/${removed.taskId}/decision`,
      { method: 'POST', body: { decision: 'remove', reason_code: 'harassment' } },
    ));
    await mia.json(`/review/queues/acme/tasks/${undone.taskId}/claim`, { method: 'POST' });
    const second = await mia.json<{ decision_id: string }>(
      `/review/queues/acme/tasks/${undone.taskId}/decision`,
      { method: 'POST', body: { decision: 'remove', reason_code: 'hate' } },
    );
    await mia.json(`/review/decisions/${second.decision_id}/undo`, { method: 'POST' });
  });

  it("lists the author's posts with verdicts, decisions not undone, one strike and the account age", async () => {
    const res = await context(vic, 'acme', current.taskId!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as AuthorContext;
    expect(body).toMatchObject({
      known: true,
      author_ref: authorRef('acme', 'u-1'),
      account_created_at: ACCOUNT_CREATED,
      account_age_days: 400,
      strikes: 1,
      posts_total: 4,
      actions: [],
    });
    expect(body.author_ref).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(body)).not.toContain('u-1');
    const byPost = new Map(body.posts.map((p) => [p.post_id, p]));
    expect(body.posts).toHaveLength(4);
    expect(byPost.get(current.postId)).toMatchObject({
      current: true,
      strongest_action: 'review',
      verdict_source: 'model',
      top_category: 'hate',
    });
    expect(byPost.get(removed.postId)).toMatchObject({
      current: false,
      strongest_action: 'remove',
      verdict_source: 'human',
      top_category: 'harassment',
    });
    expect(byPost.get(allowed.postId)).toMatchObject({ strongest_action: 'allow', verdict_source: 'model' });
    expect(body.decisions).toEqual([
      {
        decision_id: removeDecision,
        post_id: removed.postId,
        decision: 'remove',
        reason_code: 'harassment',
        decided_at: expect.any(String),
        moderator: { moderator_id: mia.moderatorId, display_name: expect.any(String) },
      },
    ]);
    expect(body.reasons[0]).toEqual({ code: 'repeated_violations', label: 'Repeated violations' });
  });

  it('warns: stored, audited without the raw author id, delivered once as a signed author.action webhook', async () => {
    const request = {
      kind: 'warn',
      reason_code: 'harassment',
      note: 'second harassment removal this month',
      idempotency_key: 'warn-key-0001',
    };
    const res = await act(mia, 'acme', current.taskId!, request);
    expect(res.status).toBe(200);
    const action = (await res.json()) as AuthorActionResponse;
    expect(action).toMatchObject({
      kind: 'warn',
      reason_code: 'harassment',
      note: 'second harassment removal this month',
      duration_seconds: null,
      expires_at: null,
      post_id: current.postId,
      moderator: { moderator_id: mia.moderatorId },
      deliveries: 1,
      replayed: false,
    });

    const again = (await (await act(mia, 'acme', current.taskId!, request)).json()) as AuthorActionResponse;
    expect(again).toMatchObject({ action_id: action.action_id, deliveries: 1, replayed: true });
    expect(
      await db.selectFrom('author_actions').select('action_id').where('author', '=', 'u-1').execute(),
    ).toEqual([{ action_id: action.action_id }]);

    const delivered = await eventually(async () =>
      receiver.requests.find((r) => r.headers['webhook-id'] === authorActionMessageId(action.action_id)),
    );
    const event = new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>) as {
      type: string;
      timestamp: string;
      data: unknown;
    };
    expect(event.type).toBe('author.action');
    expect(AuthorActionV1Schema.parse(event.data)).toEqual({
      schema_version: 1,
      action_id: action.action_id,
      tenant_id: 'acme',
      author: 'u-1',
      kind: 'warn',
      reason_code: 'harassment',
      category: 'harassment',
      post: { post_id: current.postId, revision: 0 },
      moderator_id: mia.moderatorId,
      created_at: action.created_at,
    });
    expect(delivered.body).not.toContain('second harassment'); // the note stays inside Vigil
    // The receiver may see the request before the worker records its success: wait for the row.
    const deliveries = await eventually(async () => {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select(['event_type', 'status', 'verdict_id'])
        .where('message_id', '=', authorActionMessageId(action.action_id))
        .execute();
      return rows.some((r) => r.status === 'pending') ? undefined : rows;
    });
    expect(deliveries).toEqual([{ event_type: 'author.action', status: 'succeeded', verdict_id: null }]);

    const entries = await db
      .selectFrom('audit_log')
      .select(['actor', 'tenant_id', 'action', 'subject_type', 'subject_id', 'after'])
      .where('action', 'like', 'author.%')
      .execute();
    expect(entries).toEqual([
      {
        actor: `moderator:${mia.moderatorId}`,
        tenant_id: 'acme',
        action: 'author.warn',
        subject_type: 'author',
        subject_id: authorRef('acme', 'u-1'),
        after: expect.objectContaining({
          action_id: action.action_id,
          kind: 'warn',
          reason_code: 'harassment',
          task_id: current.taskId,
          webhook_deliveries: 1,
        }),
      },
    ]);
    expect(JSON.stringify(entries)).not.toContain('u-1');

    const after = (await (await context(mia, 'acme', current.taskId!)).json()) as AuthorContext;
    expect(after.strikes).toBe(2);
    expect(after.actions.map((a) => [a.action_id, a.kind])).toEqual([[action.action_id, 'warn']]);
  });

  it('mutes for a duration and suspends; refuses a mute without a duration and unknown reasons', async () => {
    const mute = (await (
      await act(mia, 'acme', current.taskId!, {
        kind: 'mute',
        reason_code: 'spam_or_scam',
        duration_seconds: 86_400,
      })
    ).json()) as AuthorActionResponse;
    expect(mute).toMatchObject({ kind: 'mute', duration_seconds: 86_400 });
    expect(Date.parse(mute.expires_at!) - Date.parse(mute.created_at)).toBe(86_400_000);
    const suspend = await act(mia, 'acme', current.taskId!, { kind: 'suspend', reason_code: 'ban_evasion' });
    expect(suspend.status).toBe(200);
    expect(await suspend.json()).toMatchObject({ kind: 'suspend', duration_seconds: null, expires_at: null });

    const noDuration = await act(mia, 'acme', current.taskId!, { kind: 'mute', reason_code: 'hate' });
    expect(noDuration.status).toBe(400);
    expect(await noDuration.json()).toMatchObject({
      code: 'REQUEST_INVALID',
      message: 'duration_seconds: a mute needs a duration',
    });
    const badReason = await act(mia, 'acme', current.taskId!, { kind: 'warn', reason_code: 'no_violation' });
    expect(badReason.status).toBe(400);
    expect(await badReason.json()).toMatchObject({ code: 'REASON_CODE_INVALID' });
    const ctx = (await (await context(mia, 'acme', current.taskId!)).json()) as AuthorContext;
    expect(ctx.strikes).toBe(4);
    expect(ctx.actions.map((a) => a.kind)).toEqual(['suspend', 'mute', 'warn']);
  });

  it('lets viewers read but not act, and needs the CSRF header', async () => {
    const viewer = await act(vic, 'acme', current.taskId!, { kind: 'warn', reason_code: 'hate' });
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ code: 'AUTH_ROLE_FORBIDDEN' });
    const noCsrf = await act(mia, 'acme', current.taskId!, { kind: 'warn', reason_code: 'hate' }, false);
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'AUTH_CSRF_HEADER_MISSING' });
  });

  it('keeps authors inside their tenant: no reading or acting across queues or tenants', async () => {
    const before = await db.selectFrom('author_actions').select('action_id').execute();
    // Another tenant's moderator naming acme's queue, or acme's task through their own queue.
    expect((await context(rex, 'acme', current.taskId!)).status).toBe(403);
    const through = await context(rex, 'rival', current.taskId!);
    expect(through.status).toBe(404);
    expect(await through.json()).toMatchObject({ code: 'TASK_NOT_FOUND' });
    expect((await act(rex, 'rival', current.taskId!, { kind: 'suspend', reason_code: 'hate' })).status).toBe(
      404,
    );
    expect((await act(rex, 'acme', current.taskId!, { kind: 'suspend', reason_code: 'hate' })).status).toBe(
      403,
    );
    expect(await db.selectFrom('author_actions').select('action_id').execute()).toEqual(before);

    // The same author id in rival is another author: none of acme's posts, decisions or strikes.
    const rival = (await (await context(rex, 'rival', rivalTask)).json()) as AuthorContext;
    expect(rival).toMatchObject({ known: true, strikes: 0, posts_total: 1, decisions: [], actions: [] });
    expect(rival.author_ref).not.toBe(authorRef('acme', 'u-1'));
    expect(rival.posts.map((p) => p.post_id)).not.toContain(current.postId);
  });

  it('lifts a mute: row, audit, signed author.action.lifted webhook; refuses warnings, repeats and outsiders', async () => {
    const mute = (await (
      await act(mia, 'acme', current.taskId!, { kind: 'mute', reason_code: 'hate', duration_seconds: 3_600 })
    ).json()) as AuthorActionResponse;
    const strikesBefore = ((await (await context(mia, 'acme', current.taskId!)).json()) as AuthorContext)
      .strikes;

    // Outsiders first: a viewer, no CSRF header, another tenant's moderator (their queue or acme's).
    const viewer = await lift(vic, 'acme', current.taskId!, mute.action_id);
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ code: 'AUTH_ROLE_FORBIDDEN' });
    const noCsrf = await lift(mia, 'acme', current.taskId!, mute.action_id, {}, false);
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'AUTH_CSRF_HEADER_MISSING' });
    expect((await lift(rex, 'acme', current.taskId!, mute.action_id)).status).toBe(403);
    const through = await lift(rex, 'rival', current.taskId!, mute.action_id);
    expect(through.status).toBe(404);
    expect(await through.json()).toMatchObject({ code: 'TASK_NOT_FOUND' });
    const otherAuthor = await lift(rex, 'rival', rivalTask, mute.action_id);
    expect(otherAuthor.status).toBe(404);
    expect(await otherAuthor.json()).toMatchObject({ code: 'AUTHOR_ACTION_NOT_FOUND' });
    const unknown = await lift(mia, 'acme', current.taskId!, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'AUTHOR_ACTION_NOT_FOUND' });
    const badReason = await lift(mia, 'acme', current.taskId!, mute.action_id, { reason_code: 'hate' });
    expect(badReason.status).toBe(400);
    expect(await badReason.json()).toMatchObject({ code: 'REASON_CODE_INVALID' });
    const untouched = await db
      .selectFrom('author_actions')
      .select(['lifted_at', 'lifted_by'])
      .where('action_id', '=', mute.action_id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ lifted_at: null, lifted_by: null });

    const res = await lift(mia, 'acme', current.taskId!, mute.action_id, {
      reason_code: 'appeal_granted',
      note: 'appeal upheld by the platform',
    });
    expect(res.status).toBe(200);
    const lifted = (await res.json()) as AuthorLiftResponse;
    expect(lifted).toMatchObject({
      action_id: mute.action_id,
      kind: 'mute',
      lifted_at: expect.any(String),
      lifted_by: { moderator_id: mia.moderatorId },
      deliveries: 1,
    });
    const row = await db
      .selectFrom('author_actions')
      .select(['lifted_at', 'lifted_by'])
      .where('action_id', '=', mute.action_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ lifted_at: new Date(lifted.lifted_at!), lifted_by: mia.moderatorId });

    const entry = await db
      .selectFrom('audit_log')
      .select(['actor', 'tenant_id', 'subject_type', 'subject_id', 'after'])
      .where('action', '=', 'author.lifted')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      actor: `moderator:${mia.moderatorId}`,
      tenant_id: 'acme',
      subject_type: 'author',
      subject_id: authorRef('acme', 'u-1'),
      after: expect.objectContaining({
        action_id: mute.action_id,
        kind: 'mute',
        reason_code: 'appeal_granted',
        note: 'appeal upheld by the platform',
        task_id: current.taskId,
        webhook_deliveries: 1,
      }),
    });

    const delivered = await eventually(async () =>
      receiver.requests.find((r) => r.headers['webhook-id'] === authorLiftMessageId(mute.action_id)),
    );
    const event = new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>) as {
      type: string;
      data: unknown;
    };
    expect(event.type).toBe('author.action.lifted');
    expect(AuthorActionLiftedV1Schema.parse(event.data)).toEqual({
      schema_version: 1,
      action_id: mute.action_id,
      tenant_id: 'acme',
      author: 'u-1',
      kind: 'mute',
      reason_code: 'appeal_granted',
      moderator_id: mia.moderatorId,
      lifted_at: lifted.lifted_at,
    });
    expect(delivered.body).not.toContain('appeal upheld'); // the note stays inside Vigil
    expect(
      await db
        .selectFrom('webhook_deliveries')
        .select('event_type')
        .where('message_id', '=', authorLiftMessageId(mute.action_id))
        .execute(),
    ).toEqual([{ event_type: 'author.action.lifted' }]);

    // Listed with lifted_at; a lifted action still counts as a strike.
    const ctx = (await (await context(vic, 'acme', current.taskId!)).json()) as AuthorContext;
    expect(ctx.strikes).toBe(strikesBefore);
    expect(ctx.actions.find((a) => a.action_id === mute.action_id)).toMatchObject({
      lifted_at: lifted.lifted_at,
      lifted_by: { moderator_id: mia.moderatorId },
    });

    const again = await lift(mia, 'acme', current.taskId!, mute.action_id);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'AUTHOR_ACTION_NOT_ACTIVE' });
    const warning = ctx.actions.find((a) => a.kind === 'warn')!;
    const warn = await lift(mia, 'acme', current.taskId!, warning.action_id);
    expect(warn.status).toBe(409);
    expect(await warn.json()).toMatchObject({ code: 'AUTHOR_ACTION_NOT_LIFTABLE' });

    // A mute that ran out is not active either.
    const old = (await (
      await act(mia, 'acme', current.taskId!, { kind: 'mute', reason_code: 'hate', duration_seconds: 3_600 })
    ).json()) as AuthorActionResponse;
    await db
      .updateTable('author_actions')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('action_id', '=', old.action_id)
      .execute();
    const expired = await lift(mia, 'acme', current.taskId!, old.action_id);
    expect(expired.status).toBe(409);
    expect(await expired.json()).toMatchObject({ code: 'AUTHOR_ACTION_NOT_ACTIVE' });
    expect(
      await db.selectFrom('audit_log').select('id').where('action', '=', 'author.lifted').execute(),
    ).toHaveLength(1);
  });

  it('says when the author is unknown and refuses to act on them', async () => {
    const { taskId } = await authorPost('acme', null, { hate: 0.7 });
    const body = (await (await context(mia, 'acme', taskId!)).json()) as AuthorContext;
    expect(body).toMatchObject({ known: false, author_ref: null, strikes: 0, posts: [] });
    const res = await act(mia, 'acme', taskId!, { kind: 'warn', reason_code: 'hate' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'AUTHOR_UNKNOWN' });
  });
});
