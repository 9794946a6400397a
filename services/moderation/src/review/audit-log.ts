import type { z } from 'zod';
import type { Db } from '../database/database';
import { auditSummary } from './audit-summary';
import type { AuditEntry as AuditEntrySchema, AuditQuery } from './schemas';

export type AuditEntry = z.output<typeof AuditEntrySchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MODERATOR_ACTOR = /^moderator:(.+)$/;

/**
 * The audit actors an Actor filter names: itself when it is already an actor (`moderator:<id>`,
 * `token:<id>`, `login:<address>` of a failed login, `system`, `cli`, or anything else recorded verbatim), plus `moderator:<id>` of every
 * moderator whose username or display name it is (case-insensitive) and `token:<id>` of every API
 * token so named.
 */
export async function actorsNamed(db: Db, name: string): Promise<string[]> {
  const wanted = name.trim();
  if (/^(moderator|token|login):/.test(wanted)) return [wanted];
  const lower = wanted.toLowerCase();
  const [moderators, tokens] = await Promise.all([
    db
      .selectFrom('moderators')
      .select('moderator_id')
      .where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['username']), '=', lower),
          eb(eb.fn('lower', ['display_name']), '=', lower),
        ]),
      )
      .execute(),
    db
      .selectFrom('api_tokens')
      .select('token_id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', lower))
      .execute(),
  ]);
  return [
    wanted,
    ...moderators.map((m) => `moderator:${m.moderator_id}`),
    ...tokens.map((t) => `token:${t.token_id}`),
  ];
}

/**
 * Audit entries, newest first, as the filters select, each with what a person reads instead of ids: the
 * moderator's display name and username for a `moderator:<id>` actor, the post (`tenant/post_id`,
 * revision) of a review-task subject, a label for a moderator subject, and a one-line summary of what
 * happened (audit-summary.ts). The raw `actor`, `subject_id`, `before` and `after` stay as recorded.
 */
export async function auditEntries(db: Db, q: z.output<typeof AuditQuery>): Promise<AuditEntry[]> {
  let select = db.selectFrom('audit_log').selectAll();
  if (q.subject_type) select = select.where('subject_type', '=', q.subject_type);
  if (q.subject_id) select = select.where('subject_id', '=', q.subject_id);
  if (q.action)
    select = q.action.endsWith('.')
      ? select.where('action', 'like', `${q.action.replace(/[\\%_]/g, '\\$&')}%`)
      : select.where('action', '=', q.action);
  if (q.actor?.trim()) select = select.where('actor', 'in', await actorsNamed(db, q.actor));
  if (q.tenant_id) select = select.where('tenant_id', '=', q.tenant_id);
  if (q.since) select = select.where('at', '>=', new Date(q.since));
  if (q.until) select = select.where('at', '<', new Date(q.until));
  if (q.before_id) select = select.where('id', '<', String(q.before_id));
  const rows = await select.orderBy('id', 'desc').limit(q.limit).execute();

  const moderatorIds = new Set<string>();
  const taskIds = new Set<string>();
  for (const r of rows) {
    const actorId = MODERATOR_ACTOR.exec(r.actor)?.[1];
    if (actorId && UUID.test(actorId)) moderatorIds.add(actorId);
    if (r.subject_type === 'moderator' && UUID.test(r.subject_id)) moderatorIds.add(r.subject_id);
    if (r.subject_type === 'review_task' && UUID.test(r.subject_id)) taskIds.add(r.subject_id);
  }
  const [moderators, tasks] = await Promise.all([
    moderatorIds.size
      ? db
          .selectFrom('moderators')
          .select(['moderator_id', 'username', 'display_name'])
          .where('moderator_id', 'in', [...moderatorIds])
          .execute()
      : [],
    taskIds.size
      ? db
          .selectFrom('review_tasks')
          .select(['task_id', 'tenant_id', 'post_id', 'revision'])
          .where('task_id', 'in', [...taskIds])
          .execute()
      : [],
  ]);
  const moderator = new Map(moderators.map((m) => [m.moderator_id, m]));
  const task = new Map(tasks.map((t) => [t.task_id, t]));

  return rows.map((r) => {
    const actor = moderator.get(MODERATOR_ACTOR.exec(r.actor)?.[1] ?? '');
    const post = r.subject_type === 'review_task' ? task.get(r.subject_id) : undefined;
    const subjectModerator = r.subject_type === 'moderator' ? moderator.get(r.subject_id) : undefined;
    return {
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor,
      actor_name: actor?.display_name ?? null,
      actor_username: actor?.username ?? null,
      tenant_id: r.tenant_id,
      action: r.action,
      subject_type: r.subject_type,
      subject_id: r.subject_id,
      subject_post: post
        ? { tenant_id: post.tenant_id, post_id: post.post_id, revision: post.revision }
        : null,
      subject_label: post
        ? `${post.tenant_id}/${post.post_id} (rev ${post.revision})`
        : subjectModerator
          ? `${subjectModerator.display_name} (${subjectModerator.username})`
          : null,
      summary: auditSummary(r.action, r.before, r.after),
      before: r.before,
      after: r.after,
    };
  });
}

/** The CSV export's columns: the raw ids as recorded, and the readable ones beside them. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'actor_name',
  'actor_username',
  'tenant_id',
  'action',
  'summary',
  'subject_type',
  'subject_id',
  'subject_tenant',
  'subject_post_id',
  'subject_revision',
  'before',
  'after',
] as const;

/** One entry as the CSV export's cells, in AUDIT_CSV_COLUMNS order. */
export function auditCsvCells(e: AuditEntry): unknown[] {
  const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], unknown> = {
    ...e,
    subject_tenant: e.subject_post?.tenant_id,
    subject_post_id: e.subject_post?.post_id,
    subject_revision: e.subject_post?.revision,
  };
  return AUDIT_CSV_COLUMNS.map((c) => cells[c]);
}
