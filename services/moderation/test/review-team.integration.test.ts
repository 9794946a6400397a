/**
 * The team lead's view over HTTP against PostgreSQL (API role only, no broker): team statistics count an
 * escalation in the queue it was made from (not the senior queue it went to) and apart from final
 * decisions; an escalated task's due time restarts at the escalation; the audit log names moderators, the post of a review task and what happened, takes a
 * username or display name as the actor filter, and exports the readable columns beside the raw ids.
 */
import type { INestApplication } from '@nestjs/common';
import type { PostV1 } from '@vigil/contracts';
import { PolicySet } from '@vigil/policy';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/api/api-tokens';
import { audit } from '../src/audit/audit';
import { ModeratorStore } from '../src/auth/moderators';
import type { Db } from '../src/database/database';
import { recordPostAuthor } from '../src/review/author-records';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { freshSchema, makeResult } from './support';
import { login, moderatorSession, PASSWORD, startModeration, type Session } from './review-support';

let app: INestApplication;
let baseUrl: string;
let db: Db;
let drop: () => Promise<void>;
let recorder: ResultRecorder;
let lead: Session;
let demo: Session;
let sam: Session;

interface Entry {
  id: string;
  actor: string;
  actor_name: string | null;
  actor_username: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  subject_post: { tenant_id: string; post_id: string; revision: number } | null;
  subject_label: string | null;
  summary: string | null;
}
interface Stats {
  moderators: { moderator_id: string; decisions: number; escalations: number; undone: number }[];
  queues: {
    queue_id: string;
    decisions: number;
    escalations: number;
    sla_breaches: number;
    overdue_open: number;
  }[];
}

/** A model result the default policy sends to review (hate 0.7) for post `postId` of tenant `team`. */
async function reviewTask(postId: string): Promise<string> {
  const recorded = await recorder.record(makeResult({ tenant: 'team', postId, scores: { hate: 0.7 } }));
  if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
  return recorded.reviewTask;
}

async function decide(who: Session, queue: string, taskId: string, decision: string, reason: string) {
  await who.json(`/review/queues/${queue}/tasks/${taskId}/claim`, { method: 'POST' });
  await who.json(`/review/queues/${queue}/tasks/${taskId}/decision`, {
    method: 'POST',
    body: { decision, reason_code: reason },
  });
}

const entries = async (query: string) =>
  (await lead.json<{ entries: Entry[] }>(`/review/admin/audit?${query}`)).entries;
const stats = () => lead.json<Stats>('/review/admin/stats');
const queueRow = (s: Stats, queueId: string) => s.queues.find((q) => q.queue_id === queueId);
const moderatorRow = (s: Stats, who: Session) => s.moderators.find((m) => m.moderator_id === who.moderatorId);

let escalated: string;
let removed: string;
let muted: string;

beforeAll(async () => {
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  ({ app, baseUrl } = await startModeration({ DATABASE_SCHEMA: fresh.schema, MODERATION_ROLES: 'api' }));
  recorder = new ResultRecorder(db, new PolicySet([]));
  lead = await moderatorSession(db, baseUrl, { username: 'lead', role: 'admin' });
  // The seeded queues: Model flags (`flagged`, first line) and Senior review (`senior`, escalated).
  const account = await new ModeratorStore(db).create({
    username: 'demo',
    displayName: 'Demo Moderator',
    role: 'moderator',
    password: PASSWORD,
    queues: ['flagged'],
    actor: 'test',
  });
  demo = await login(baseUrl, 'demo', account.moderator_id);
  sam = await moderatorSession(db, baseUrl, { username: 'sam', role: 'moderator', queues: ['senior'] });

  // Demo escalates one task from Model flags (it had waited two days: late) and removes another.
  escalated = await reviewTask('team-escalated');
  removed = await reviewTask('team-removed');
  muted = await reviewTask('team-muted');
  await db
    .updateTable('review_tasks')
    .set({ created_at: new Date(Date.now() - 2 * 86_400_000) })
    .where('task_id', '=', escalated)
    .execute();
  await decide(demo, 'flagged', escalated, 'escalate', 'credible_threat');
  await decide(demo, 'flagged', removed, 'remove', 'hate');
  // Demo mutes the author of a third post for a day.
  await recordPostAuthor(db, {
    schema_version: 1,
    post_id: 'team-muted',
    tenant_id: 'team',
    revision: 0,
    created_at: new Date().toISOString(),
    author: 'u-team',
    text: '',
    media: [],
    priority: 'normal',
  } as PostV1);
  const mute = await demo.call(`/review/queues/flagged/tasks/${muted}/author/actions`, {
    method: 'POST',
    body: { kind: 'mute', reason_code: 'spam_or_scam', duration_seconds: 86_400 },
  });
  expect(mute.status).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('team statistics', () => {
  it('count an escalation in the queue it was made from, apart from decisions; the senior queue counts its decision', async () => {
    const before = await stats();
    // The task waits in Senior review now, but the escalation was made in Model flags.
    expect(queueRow(before, 'flagged')).toMatchObject({ decisions: 1, escalations: 1, sla_breaches: 1 });
    expect(queueRow(before, 'senior')).toMatchObject({ decisions: 0, escalations: 0, sla_breaches: 0 });
    expect(moderatorRow(before, demo)).toMatchObject({ decisions: 1, escalations: 1, undone: 0 });

    await decide(sam, 'senior', escalated, 'remove', 'threat');
    const after = await stats();
    expect(queueRow(after, 'flagged')).toMatchObject({ decisions: 1, escalations: 1 });
    // Sam decided within the senior queue's time from the escalation: no breach there, though the task
    // was created two days ago.
    expect(queueRow(after, 'senior')).toMatchObject({ decisions: 1, escalations: 0, sla_breaches: 0 });
    expect(moderatorRow(after, sam)).toMatchObject({ decisions: 1, escalations: 0 });
    expect(moderatorRow(after, demo)).toMatchObject({ decisions: 1, escalations: 1 });
  });
});

describe('the audit log', () => {
  it('names the moderator, the post and what happened; keeps the raw ids', async () => {
    const list = await entries(`actor=moderator:${demo.moderatorId}&action=review.`);
    expect(list.map((e) => [e.action, e.subject_id])).toEqual([
      ['review.decided', removed],
      ['review.escalated', escalated],
    ]);
    expect(list[0]).toMatchObject({
      actor: `moderator:${demo.moderatorId}`,
      actor_name: 'Demo Moderator',
      actor_username: 'demo',
      subject_type: 'review_task',
      subject_post: { tenant_id: 'team', post_id: 'team-removed', revision: 0 },
      subject_label: 'team/team-removed (rev 0)',
      summary: 'remove (hate)',
    });
    expect(list[1]).toMatchObject({
      subject_label: 'team/team-escalated (rev 0)',
      summary: 'escalate (credible_threat) → level 1',
    });
    const [mute] = await entries('action=author.mute');
    expect(mute).toMatchObject({ actor_name: 'Demo Moderator', summary: 'mute 1d (spam_or_scam)' });
    const [created] = await entries(`action=moderator.created&subject_id=${demo.moderatorId}`);
    expect(created).toMatchObject({
      actor: 'test',
      actor_name: null,
      subject_label: 'Demo Moderator (demo)',
      summary: 'demo (moderator)',
    });
  });

  it('filters by username or display name (any case) as by moderator:<id>; token:<id> and token names work too', async () => {
    const ids = (list: Entry[]) => list.map((e) => e.id);
    const byId = await entries(`actor=${encodeURIComponent(`moderator:${demo.moderatorId}`)}`);
    expect(byId.length).toBeGreaterThanOrEqual(3);
    expect(ids(await entries('actor=demo'))).toEqual(ids(byId));
    expect(ids(await entries('actor=DEMO'))).toEqual(ids(byId));
    expect(ids(await entries(`actor=${encodeURIComponent('demo moderator')}`))).toEqual(ids(byId));
    expect(await entries('actor=nobody')).toEqual([]);

    const { tokenId } = await createApiToken(db, {
      tenantId: 'team',
      name: 'Team Bot',
      scopes: ['reports:write'],
      actor: 'cli',
    });
    await audit(db, {
      actor: `token:${tokenId}`,
      tenantId: 'team',
      action: 'report.opened',
      subjectType: 'review_task',
      subjectId: muted,
      after: { post_id: 'team-muted', revision: 0, external_ref: 'r-1', statement: 'spam' },
    });
    for (const actor of [`token:${tokenId}`, 'team bot']) {
      const [report] = await entries(`actor=${encodeURIComponent(actor)}`);
      expect(report).toMatchObject({
        actor: `token:${tokenId}`,
        actor_name: null,
        summary: 'report opened (r-1) — “spam”',
        subject_label: 'team/team-muted (rev 0)',
      });
    }
  });

  it('exports the readable columns beside the raw ids as CSV', async () => {
    const csv = await lead.call(`/review/admin/audit.csv?actor=demo&action=review.decided`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor,actor_name,actor_username,tenant_id,action,summary,subject_type,subject_id,' +
        'subject_tenant,subject_post_id,subject_revision,before,after',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `,moderator:${demo.moderatorId},Demo Moderator,demo,team,review.decided,remove (hate),review_task,${removed},team,team-removed,0,`,
    );
  });
});

describe('due times after an escalation', () => {
  interface Task {
    task_id: string;
    due_at: string;
    overdue: boolean;
    triage: { tier: number; sla_seconds: number };
  }
  interface Card {
    queue_id: string;
    overdue: number;
    urgent: number;
    next_due_at: string | null;
  }
  const task = async (who: Session, queue: string, taskId: string) =>
    (await who.json<{ tasks: Task[] }>(`/review/queues/${queue}/tasks`)).tasks.find(
      (t) => t.task_id === taskId,
    )!;
  const card = async (who: Session, queue: string) =>
    (await who.json<{ queues: Card[] }>('/review/queues')).queues.find((q) => q.queue_id === queue)!;
  const minutes = (n: number) => n * 60_000;

  it('restart at the escalation: an urgent task escalated late gets its 15 minutes in Senior review', async () => {
    const recorded = await recorder.record(
      makeResult({ tenant: 'team', postId: 'team-urgent', scores: { 'self-harm/intent': 0.45 } }),
    );
    if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
    const urgent = recorded.reviewTask;
    // It waited 20 minutes in Model flags: 5 minutes past its 15.
    await db
      .updateTable('review_tasks')
      .set({ created_at: new Date(Date.now() - minutes(20)) })
      .where('task_id', '=', urgent)
      .execute();
    const flaggedBefore = queueRow(await stats(), 'flagged')!;
    expect(await task(demo, 'flagged', urgent)).toMatchObject({
      overdue: true,
      triage: { tier: 1, sla_seconds: 900 },
    });

    // An escalation taken back does not restart the clock: due from creation again.
    await demo.json(`/review/queues/flagged/tasks/${urgent}/claim`, { method: 'POST' });
    const taken = await demo.json<{ decision_id: string }>(
      `/review/queues/flagged/tasks/${urgent}/decision`,
      {
        method: 'POST',
        body: { decision: 'escalate', reason_code: 'credible_threat' },
      },
    );
    await demo.json(`/review/decisions/${taken.decision_id}/undo`, { method: 'POST' });
    expect(await task(demo, 'flagged', urgent)).toMatchObject({ overdue: true });

    const escalatedFrom = Date.now();
    await decide(demo, 'flagged', urgent, 'escalate', 'credible_threat');
    const escalatedBy = Date.now();
    const senior = await task(sam, 'senior', urgent);
    expect(senior).toMatchObject({ overdue: false, triage: { tier: 1, sla_seconds: 900 } });
    const due = Date.parse(senior.due_at);
    expect(due).toBeGreaterThanOrEqual(escalatedFrom - 1000 + 900_000);
    expect(due).toBeLessThanOrEqual(escalatedBy + 1000 + 900_000);
    // The Queues page: one urgent task waiting, due in about 15 minutes, nothing overdue.
    expect(await card(sam, 'senior')).toEqual(
      expect.objectContaining({ overdue: 0, urgent: 1, next_due_at: senior.due_at }),
    );
    // The late escalation is Model flags' breach; Senior review has none and nothing overdue.
    const now = await stats();
    expect(queueRow(now, 'flagged')).toMatchObject({ sla_breaches: flaggedBefore.sla_breaches + 1 });
    expect(queueRow(now, 'senior')).toMatchObject({ sla_breaches: 0, overdue_open: 0 });

    // 16 minutes after the escalation it is overdue in Senior review too, and deciding then is a breach.
    await db
      .updateTable('human_decisions')
      .set({ decided_at: sql<Date>`decided_at - interval '16 minutes'` })
      .where('task_id', '=', urgent)
      .where('decision', '=', 'escalate')
      .where('undone_at', 'is', null)
      .execute();
    expect(await task(sam, 'senior', urgent)).toMatchObject({ overdue: true });
    expect(await card(sam, 'senior')).toMatchObject({ overdue: 1, urgent: 1 });
    expect(queueRow(await stats(), 'senior')).toMatchObject({ overdue_open: 1 });
    await sam.json(`/review/queues/senior/tasks/${urgent}/claim`, { method: 'POST' });
    await sam.json(`/review/queues/senior/tasks/${urgent}/decision`, {
      method: 'POST',
      body: { decision: 'remove', reason_code: 'threat', confirmed: true },
    });
    expect(queueRow(await stats(), 'senior')).toMatchObject({ sla_breaches: 1, overdue_open: 0 });
  });
});
