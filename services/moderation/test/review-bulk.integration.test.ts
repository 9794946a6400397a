/**
 * Bulk decisions over HTTP against PostgreSQL: POST /review/queues/{queue}/decisions decides each task as
 * a single decision would (claim rules, verdict and outbox, audit entry, undo), skips what a single
 * decision would refuse, and refuses bad requests before touching any task. The API role only: no broker.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { PolicySet } from '@vigil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { freshSchema, makeResult } from './support';
import { moderatorSession, startModeration, type Session } from './review-support';

let app: INestApplication;
let db: Db;
let drop: () => Promise<void>;
let recorder: ResultRecorder;
let bea: Session;
let cai: Session;
let vic: Session;

interface BulkResponse {
  results: {
    task_id: string;
    status: 'decided' | 'skipped' | 'failed';
    decision_id?: string;
    verdict_id?: string | null;
    task_status?: string;
    undo_until?: string | null;
    code?: string;
    reason?: string;
  }[];
  decided: number;
  skipped: number;
  failed: number;
}

/** A model result the default policy sends to review (hate 0.7); returns its task id. */
async function reviewTask(tenant = 'bulk'): Promise<string> {
  const recorded = await recorder.record(makeResult({ tenant, scores: { hate: 0.7 } }));
  if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
  return recorded.reviewTask;
}

const decideMany = (who: Session, body: unknown, queue = 'bulk') =>
  who.call(`/review/queues/${queue}/decisions`, { method: 'POST', body });

const statuses = async (taskIds: string[]) =>
  (
    await db
      .selectFrom('review_tasks')
      .select(['task_id', 'status', 'claimed_by'])
      .where('task_id', 'in', taskIds)
      .execute()
  ).sort((a, b) => taskIds.indexOf(a.task_id) - taskIds.indexOf(b.task_id));

beforeAll(async () => {
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  ({ app } = await startModeration({ DATABASE_SCHEMA: fresh.schema, MODERATION_ROLES: 'api' }));
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  recorder = new ResultRecorder(db, new PolicySet([]));
  const admin = await moderatorSession(db, baseUrl, { username: 'root', role: 'admin' });
  for (const tenant of ['bulk', 'other']) {
    const res = await admin.call('/review/admin/queues', {
      method: 'POST',
      body: { queue_id: tenant, name: `Tenant ${tenant}`, filter: { tenants: [tenant], escalated: false } },
    });
    expect(res.status).toBe(201);
  }
  bea = await moderatorSession(db, baseUrl, { username: 'bea', role: 'moderator', queues: ['bulk'] });
  cai = await moderatorSession(db, baseUrl, { username: 'cai', role: 'moderator', queues: ['bulk'] });
  vic = await moderatorSession(db, baseUrl, { username: 'vic', role: 'viewer', queues: ['bulk'] });
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('bulk decisions', () => {
  it('decides 3 tasks in one call: 2 decided, the one another moderator holds skipped and left with them', async () => {
    const ids = [await reviewTask(), await reviewTask(), await reviewTask()];
    await cai.json(`/review/queues/bulk/tasks/${ids[1]}/claim`, { method: 'POST' });

    const res = await decideMany(bea, {
      task_ids: ids,
      decision: 'remove',
      reason_code: 'hate',
      note: 'same slur, one campaign',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as BulkResponse;
    expect(body).toMatchObject({ decided: 2, skipped: 1, failed: 0 });
    expect(body.results.map((r) => [r.task_id, r.status])).toEqual([
      [ids[0], 'decided'],
      [ids[1], 'skipped'],
      [ids[2], 'decided'],
    ]);
    expect(body.results[1]).toEqual({
      task_id: ids[1],
      status: 'skipped',
      code: 'TASK_CLAIMED_BY_OTHER',
      reason: 'cai has this task',
    });
    expect(body.results[0]).toMatchObject({ task_status: 'resolved', undo_until: expect.any(String) });

    expect(await statuses(ids)).toEqual([
      { task_id: ids[0], status: 'resolved', claimed_by: bea.moderatorId },
      { task_id: ids[1], status: 'claimed', claimed_by: cai.moderatorId },
      { task_id: ids[2], status: 'resolved', claimed_by: bea.moderatorId },
    ]);
    const decisions = await db
      .selectFrom('human_decisions')
      .select(['task_id', 'decision_id', 'verdict_id', 'moderator_id', 'reason_code', 'notes'])
      .where('task_id', 'in', ids)
      .execute();
    expect(decisions.map((d) => d.task_id).sort()).toEqual([ids[0], ids[2]].sort());
    for (const d of decisions) {
      expect(d).toMatchObject({
        moderator_id: bea.moderatorId,
        reason_code: 'hate',
        notes: 'same slur, one campaign',
      });
      const result = body.results.find((r) => r.task_id === d.task_id)!;
      expect(result).toMatchObject({ decision_id: d.decision_id, verdict_id: d.verdict_id });
      // The human verdict, with its outbox row held for the undo window, as for a single decision.
      const [verdict] = await db
        .selectFrom('verdicts')
        .select(['source', 'strongest_action'])
        .where('verdict_id', '=', d.verdict_id!)
        .execute();
      expect(verdict).toEqual({ source: 'human', strongest_action: 'remove' });
      const outbox = await db
        .selectFrom('outbox')
        .select(['sent_at', 'not_before'])
        .where('verdict_id', '=', d.verdict_id!)
        .execute();
      expect(outbox).toEqual([{ sent_at: null, not_before: new Date(result.undo_until!) }]);
    }

    const audit = await db
      .selectFrom('audit_log')
      .select(['subject_id', 'action', 'actor', 'after'])
      .where('subject_id', 'in', ids)
      .where('action', 'like', 'review.%')
      .execute();
    expect(audit.map((a) => a.subject_id).sort()).toEqual([ids[0], ids[2]].sort());
    const bulkIds = new Set(audit.map((a) => (a.after as { bulk_id?: string }).bulk_id));
    expect(bulkIds.size).toBe(1);
    expect([...bulkIds][0]).toMatch(/^[0-9a-f-]{36}$/);
    for (const a of audit) {
      expect(a).toMatchObject({
        action: 'review.decided',
        actor: `moderator:${bea.moderatorId}`,
        after: { decision: 'remove', reason_code: 'hate', task_status: 'resolved' },
      });
    }

    // Sent again: nothing is decided twice.
    const again = (await (
      await decideMany(bea, { task_ids: ids, decision: 'approve', reason_code: 'no_violation' })
    ).json()) as BulkResponse;
    expect(again).toMatchObject({ decided: 0, skipped: 3, failed: 0 });
    expect(again.results.map((r) => r.code)).toEqual(['TASK_CLOSED', 'TASK_CLAIMED_BY_OTHER', 'TASK_CLOSED']);
    expect(
      await db.selectFrom('human_decisions').select('decision_id').where('task_id', 'in', ids).execute(),
    ).toHaveLength(2);

    // Each decision of the batch can be undone on its own, like a single one.
    const undone = await bea.json<{ task_status: string }>(
      `/review/decisions/${body.results[0]!.decision_id}/undo`,
      { method: 'POST' },
    );
    expect(undone.task_status).toBe('claimed');
  });

  it("renews the caller's own claim, skips tasks outside the queue, and leaves nothing claimed it did not decide", async () => {
    const mine = await reviewTask();
    await bea.json(`/review/queues/bulk/tasks/${mine}/claim`, { method: 'POST' });
    const elsewhere = await reviewTask('other');
    const missing = randomUUID();
    const body = (await (
      await decideMany(bea, {
        task_ids: [mine, elsewhere, missing],
        decision: 'approve',
        reason_code: 'no_violation',
      })
    ).json()) as BulkResponse;
    expect(body.results.map((r) => [r.status, r.code])).toEqual([
      ['decided', undefined],
      ['skipped', 'TASK_NOT_FOUND'],
      ['skipped', 'TASK_NOT_FOUND'],
    ]);
    expect(await statuses([mine, elsewhere])).toEqual([
      { task_id: mine, status: 'resolved', claimed_by: bea.moderatorId },
      { task_id: elsewhere, status: 'open', claimed_by: null },
    ]);
  });

  it('refuses bad requests with 400 and a clear message before touching any task', async () => {
    const task = await reviewTask();
    const refused = async (body: unknown, code: string, message: string | RegExp) => {
      const res = await decideMany(bea, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code, message });
    };
    const base = { decision: 'approve', reason_code: 'no_violation' };
    const many = [task, ...Array.from({ length: 100 }, () => randomUUID())];
    await refused(
      { ...base, task_ids: many },
      'REQUEST_INVALID',
      'task_ids: at most 100 tasks per bulk decision',
    );
    await refused({ ...base, task_ids: [] }, 'REQUEST_INVALID', 'task_ids: select at least one task');
    await refused(
      { ...base, task_ids: [task, task] },
      'REQUEST_INVALID',
      'task_ids: each task may be listed only once',
    );
    await refused({ ...base, task_ids: ['not-a-task'] }, 'REQUEST_INVALID', /^task_ids\.0: /);
    await refused({ decision: 'approve', task_ids: [task] }, 'REQUEST_INVALID', /^reason_code: /);
    await refused({ ...base, task_ids: [task], feedback: [] }, 'REQUEST_INVALID', /feedback/);
    await refused(
      { decision: 'approve', reason_code: 'hate', task_ids: [task] },
      'REASON_CODE_INVALID',
      'hate is not a reason code for approve',
    );
    expect(await statuses([task])).toEqual([{ task_id: task, status: 'open', claimed_by: null }]);
  });

  it('is for moderators of the queue: viewers and non-members get 403', async () => {
    const task = await reviewTask();
    const body = { decision: 'approve', reason_code: 'no_violation', task_ids: [task] };
    const viewer = await decideMany(vic, body);
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { code: string }).code).toBe('AUTH_ROLE_FORBIDDEN');
    const outsider = await decideMany(bea, body, 'other');
    expect(outsider.status).toBe(403);
    expect(((await outsider.json()) as { code: string }).code).toBe('AUTH_QUEUE_FORBIDDEN');
    expect(await statuses([task])).toEqual([{ task_id: task, status: 'open', claimed_by: null }]);
  });
});
