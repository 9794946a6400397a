/**
 * Moderator wellness and high-severity confirmation over HTTP against PostgreSQL: each moderator's own
 * media and break settings (validated, stored per moderator, nobody else's reachable), the count of
 * graphic items opened since login or the last break, and decisions that need `confirmed: true`.
 * The API role only: no broker.
 */
import type { INestApplication } from '@nestjs/common';
import { PolicySet } from '@vigil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { freshSchema, makeResult } from './support';
import { login, moderatorSession, startModeration, type Session } from './review-support';

let app: INestApplication;
let db: Db;
let drop: () => Promise<void>;
let baseUrl: string;
let recorder: ResultRecorder;
let bea: Session;
let cai: Session;

interface Preferences {
  blur_px: number;
  greyscale: boolean;
  break_after: number;
  defaults: { blur_px: boolean; greyscale: boolean; break_after: boolean };
  updated_at: string | null;
}
interface Exposure {
  graphic_items: number;
  break_after: number;
  break_due: boolean;
  since: string;
}

/** A model result the default policy sends to review; returns its task id. */
async function reviewTask(scores: Record<string, number>): Promise<string> {
  const recorded = await recorder.record(makeResult({ tenant: 'well', scores }));
  if (recorded.outcome !== 'created' || !recorded.reviewTask) throw new Error('expected a review task');
  return recorded.reviewTask;
}

const open = (who: Session, task: string) =>
  who.json<{ task: { triage: { label: string } }; confirm: { decision: string; reason_code: string }[] }>(
    `/review/queues/well/tasks/${task}`,
  );
const exposure = (who: Session) => who.json<Exposure>('/review/me/exposure');

beforeAll(async () => {
  const fresh = await freshSchema();
  ({ db, drop } = fresh);
  ({ app, baseUrl } = await startModeration({
    DATABASE_SCHEMA: fresh.schema,
    MODERATION_ROLES: 'api',
    REVIEW_BREAK_AFTER: '3',
  }));
  recorder = new ResultRecorder(db, new PolicySet([]));
  const admin = await moderatorSession(db, baseUrl, { username: 'root', role: 'admin' });
  const res = await admin.call('/review/admin/queues', {
    method: 'POST',
    body: { queue_id: 'well', name: 'Wellness', filter: { tenants: ['well'], escalated: false } },
  });
  expect(res.status).toBe(201);
  bea = await moderatorSession(db, baseUrl, { username: 'bea', role: 'moderator', queues: ['well'] });
  cai = await moderatorSession(db, baseUrl, { username: 'cai', role: 'moderator', queues: ['well'] });
});

afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe('wellness preferences', () => {
  it('starts from the defaults (REVIEW_BREAK_AFTER), saves per moderator, and never shows one to another', async () => {
    const defaults = await bea.json<Preferences>('/review/me/preferences');
    expect(defaults).toEqual({
      blur_px: 28,
      greyscale: true,
      break_after: 3,
      defaults: { blur_px: true, greyscale: true, break_after: true },
      updated_at: null,
    });

    const saved = await bea.json<Preferences>('/review/me/preferences', {
      method: 'PUT',
      body: { blur_px: 12, greyscale: false, break_after: 2 },
    });
    expect(saved).toMatchObject({
      blur_px: 12,
      greyscale: false,
      break_after: 2,
      defaults: { blur_px: false, greyscale: false, break_after: false },
    });
    expect(saved.updated_at).toMatch(/^\d{4}-/);
    expect(
      await db
        .selectFrom('moderator_wellness')
        .select(['moderator_id', 'blur_px', 'greyscale', 'break_after'])
        .execute(),
    ).toEqual([{ moderator_id: bea.moderatorId, blur_px: 12, greyscale: false, break_after: 2 }]);
    expect(await bea.json<Preferences>('/review/me/preferences')).toEqual(saved);
    // Cai still has the defaults; there is no route that names another moderator.
    expect(await cai.json<Preferences>('/review/me/preferences')).toEqual(defaults);
    const other = await cai.call(`/review/me/preferences`, {
      method: 'PUT',
      body: { moderator_id: bea.moderatorId, blur_px: 40, greyscale: true, break_after: 9 },
    });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    expect((await bea.json<Preferences>('/review/me/preferences')).blur_px).toBe(12);
  });

  it('refuses values out of bounds, a missing CSRF header and anonymous callers', async () => {
    const put = (body: unknown, csrf?: boolean) =>
      bea.call('/review/me/preferences', { method: 'PUT', body, csrf });
    const refused = async (body: unknown, message: RegExp) => {
      const res = await put(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'REQUEST_INVALID', message });
    };
    await refused({ blur_px: 41, greyscale: true, break_after: 5 }, /^blur_px: /);
    await refused({ blur_px: -1, greyscale: true, break_after: 5 }, /^blur_px: /);
    await refused({ blur_px: 8.5, greyscale: true, break_after: 5 }, /^blur_px: /);
    await refused({ blur_px: 8, greyscale: true, break_after: 0 }, /^break_after: /);
    await refused({ blur_px: 8, greyscale: true, break_after: 201 }, /^break_after: /);
    await refused({ blur_px: 8, greyscale: 'yes', break_after: 5 }, /^greyscale: /);
    await refused({ blur_px: 8, greyscale: true }, /^break_after: /);
    const noCsrf = await put({ blur_px: 8, greyscale: true, break_after: 5 }, false);
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'AUTH_CSRF_HEADER_MISSING' });
    expect((await fetch(`${baseUrl}/review/me/preferences`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/review/me/exposure`)).status).toBe(401);
    // Nothing changed.
    expect(await bea.json<Preferences>('/review/me/preferences')).toMatchObject({
      blur_px: 12,
      greyscale: false,
      break_after: 2,
    });
  });
});

describe('exposure to graphic items', () => {
  it('counts distinct graphic items only, per moderator, until a break or a new login', async () => {
    const hate = await reviewTask({ hate: 0.7 });
    const selfHarm = await reviewTask({ 'self-harm': 0.65 });
    // In review for hate, but the post also scored medium for graphic violence: graphic.
    const gore = await reviewTask({ hate: 0.7, 'violence/graphic': 0.55 });
    const before = await exposure(bea);
    expect(before).toMatchObject({ graphic_items: 0, break_after: 2, break_due: false });

    await open(bea, hate);
    expect((await exposure(bea)).graphic_items).toBe(0);
    await open(bea, selfHarm);
    await open(bea, selfHarm); // the same item again: still one
    expect(await exposure(bea)).toMatchObject({ graphic_items: 1, break_due: false });
    await open(bea, gore);
    expect(await exposure(bea)).toMatchObject({ graphic_items: 2, break_after: 2, break_due: true });
    const rows = await db
      .selectFrom('moderator_exposures')
      .select(['task_id', 'categories'])
      .where('moderator_id', '=', bea.moderatorId)
      .orderBy('opened_at')
      .execute();
    expect(rows).toEqual([
      { task_id: selfHarm, categories: ['self-harm'] },
      { task_id: gore, categories: ['violence/graphic'] },
    ]);
    // Cai's count is Cai's own (default break after 3).
    expect(await exposure(cai)).toMatchObject({ graphic_items: 0, break_after: 3, break_due: false });
    await open(cai, gore);
    expect((await exposure(cai)).graphic_items).toBe(1);
    expect((await exposure(bea)).graphic_items).toBe(2);

    // Take a break: the count starts again from now; an item opened again counts again.
    const reset = await bea.json<Exposure>('/review/me/exposure/reset', { method: 'POST' });
    expect(reset).toMatchObject({ graphic_items: 0, break_due: false });
    expect(Date.parse(reset.since)).toBeGreaterThan(Date.parse(before.since));
    expect((await exposure(cai)).graphic_items).toBe(1);
    await open(bea, selfHarm);
    expect((await exposure(bea)).graphic_items).toBe(1);
    // The break is not a setting: the saved preferences are unchanged.
    expect(await bea.json<Preferences>('/review/me/preferences')).toMatchObject({
      blur_px: 12,
      break_after: 2,
    });

    // A new login starts a new count.
    const again = await login(baseUrl, 'bea', bea.moderatorId);
    expect((await exposure(again)).graphic_items).toBe(0);
    await open(again, gore);
    expect((await exposure(again)).graphic_items).toBe(1);
  });
});

describe('high-severity decisions', () => {
  const decide = (who: Session, task: string, body: Record<string, unknown>) =>
    who.call(`/review/queues/well/tasks/${task}/decision`, { method: 'POST', body });
  const claim = (who: Session, task: string) =>
    who.json(`/review/queues/well/tasks/${task}/claim`, { method: 'POST' });
  const decisions = (task: string) =>
    db
      .selectFrom('human_decisions')
      .select(['decision', 'reason_code'])
      .where('task_id', '=', task)
      .execute();

  it('asks for confirmed: true for a final decision on an urgent task, then accepts it', async () => {
    const urgent = await reviewTask({ 'self-harm/intent': 0.45 });
    const detail = await open(bea, urgent);
    expect(detail.task.triage.label).toBe('urgent');
    expect(detail.confirm).toContainEqual({ decision: 'remove', reason_code: 'self_harm' });
    expect(detail.confirm).toContainEqual({ decision: 'approve', reason_code: 'no_violation' });
    expect(detail.confirm.some((c) => c.decision === 'escalate')).toBe(false);
    await claim(bea, urgent);

    for (const confirmed of [undefined, false]) {
      const refused = await decide(bea, urgent, { decision: 'remove', reason_code: 'self_harm', confirmed });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({
        code: 'CONFIRMATION_REQUIRED',
        message: expect.stringContaining('a decision on an urgent task is high severity'),
      });
    }
    expect(await decisions(urgent)).toEqual([]);
    const task = await db
      .selectFrom('review_tasks')
      .select(['status', 'claimed_by'])
      .where('task_id', '=', urgent)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ status: 'claimed', claimed_by: bea.moderatorId });

    const accepted = await decide(bea, urgent, {
      decision: 'remove',
      reason_code: 'self_harm',
      confirmed: true,
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ task_status: 'resolved', verdict_id: expect.any(String) });
    expect(await decisions(urgent)).toEqual([{ decision: 'remove', reason_code: 'self_harm' }]);
  });

  it('needs no confirmation to escalate an urgent task or for a routine removal; removal as illegal content needs one', async () => {
    const urgent = await reviewTask({ 'sexual/minors': 0.3 });
    await claim(bea, urgent);
    const escalated = await decide(bea, urgent, { decision: 'escalate', reason_code: 'child_safety' });
    expect(escalated.status).toBe(200);

    const hate = await reviewTask({ hate: 0.7 });
    expect((await open(bea, hate)).confirm).toEqual([{ decision: 'remove', reason_code: 'illegal_content' }]);
    await claim(bea, hate);
    const illegal = await decide(bea, hate, { decision: 'remove', reason_code: 'illegal_content' });
    expect(illegal.status).toBe(409);
    expect(await illegal.json()).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      message: expect.stringContaining('remove as illegal_content is high severity'),
    });
    expect((await decide(bea, hate, { decision: 'remove', reason_code: 'hate' })).status).toBe(200);
    expect(await decisions(hate)).toEqual([{ decision: 'remove', reason_code: 'hate' }]);
  });

  it('bulk decisions skip high-severity tasks with CONFIRMATION_REQUIRED and take no confirmed field', async () => {
    const urgent = await reviewTask({ 'self-harm/intent': 0.45 });
    const routine = await reviewTask({ hate: 0.7 });
    const body = { task_ids: [urgent, routine], decision: 'remove', reason_code: 'hate' };
    const withConfirmed = await bea.call('/review/queues/well/decisions', {
      method: 'POST',
      body: { ...body, confirmed: true },
    });
    expect(withConfirmed.status).toBe(400);
    const res = await bea.json<{ results: { status: string; code?: string }[] }>(
      '/review/queues/well/decisions',
      { method: 'POST', body },
    );
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['skipped', 'CONFIRMATION_REQUIRED'],
      ['decided', undefined],
    ]);
    const left = await db
      .selectFrom('review_tasks')
      .select(['status', 'claimed_by'])
      .where('task_id', '=', urgent)
      .executeTakeFirstOrThrow();
    expect(left).toEqual({ status: 'open', claimed_by: null });
  });
});
