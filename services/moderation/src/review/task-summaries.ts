import type { ReviewSource } from '@vigil/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { QueueFilter, TaskSummary } from './schemas';
import { dueAtSql, dueFromSql, TRIAGE_TIERS, triageTierSql } from './triage';

/** Task kinds in the database by the source names the API uses. */
const KIND_OF: Record<ReviewSource, 'policy' | 'appeal' | 'report'> = {
  model: 'policy',
  appeal: 'appeal',
  report: 'report',
};
const SOURCE_OF = { policy: 'model', appeal: 'appeal', report: 'report' } as const;

/**
 * SQL condition (over `review_tasks t` joined with `posts p`) selecting the tasks a filter matches.
 * Every field narrows; an empty filter matches every task.
 */
export function filterSql(filter: QueueFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (filter.tenants?.length) parts.push(sql`t.tenant_id = ANY(${filter.tenants}::text[])`);
  if (filter.categories?.length) parts.push(sql`t.categories && ${filter.categories}::text[]`);
  if (filter.min_severity !== undefined) parts.push(sql`t.severity >= ${filter.min_severity}`);
  if (filter.languages?.length) {
    const tags = filter.languages.map((l) => l.toLowerCase());
    parts.push(
      sql`(lower(p.lang) = ANY(${tags}::text[]) OR lower(split_part(p.lang, '-', 1)) = ANY(${tags}::text[]))`,
    );
  }
  if (filter.sources?.length) parts.push(sql`t.kind = ANY(${filter.sources.map((s) => KIND_OF[s])}::text[])`);
  if (filter.escalated !== undefined) {
    parts.push(filter.escalated ? sql`t.escalation_level > 0` : sql`t.escalation_level = 0`);
  }
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** Tasks a moderator may take: open, or claimed with a lease that ran out. */
export const CLAIMABLE = sql<boolean>`(t.status = 'open' OR (t.status = 'claimed' AND t.claim_expires_at <= now()))`;

/** A task summary row as `summaryColumns` selects it. */
export interface SummaryRow {
  task_id: string;
  tenant_id: string;
  post_id: string;
  revision: number;
  kind: 'policy' | 'appeal' | 'report';
  status: 'open' | 'claimed' | 'resolved' | 'cancelled';
  claimed_by: string | null;
  claimer_name: string | null;
  claim_expires_at: Date | null;
  claimed_at: Date | null;
  priority: number;
  platform_priority: 'low' | 'normal' | 'high' | null;
  categories: string[];
  severity: number;
  escalation_level: number;
  lang: string | null;
  caption: string;
  media_kinds: TaskSummary['media_kinds'];
  created_at: Date;
  due_from: Date;
  due_at: Date;
  overdue: boolean;
  live_claim: boolean;
  triage_tier: number;
}

/**
 * When task `t` is due: created (or escalated, see `dueFromSql`) + its triage tier's time, at most the
 * queue's SLA.
 */
export function dueAt(slaSeconds: number): RawBuilder<Date> {
  return dueAtSql(slaSeconds);
}

/** The columns of a task summary; the query must name `review_tasks t` and `posts p`. */
export function summaryColumns(slaSeconds: number): RawBuilder<unknown> {
  return sql`t.task_id, t.tenant_id, t.post_id, t.revision, t.kind, t.status, t.claimed_by, t.claim_expires_at,
    t.claimed_at, t.priority, t.platform_priority, t.categories, t.severity, t.escalation_level, p.lang, left(p.caption, 200) AS caption,
    coalesce((SELECT array_agg(DISTINCT m.kind ORDER BY m.kind) FROM media m
              WHERE (m.tenant_id, m.post_id, m.revision) = (t.tenant_id, t.post_id, t.revision)), '{}') AS media_kinds,
    (SELECT mo.display_name FROM moderators mo WHERE mo.moderator_id::text = t.claimed_by) AS claimer_name,
    t.created_at, ${triageTierSql()} AS triage_tier, ${dueFromSql()} AS due_from, ${dueAt(slaSeconds)} AS due_at,
    ${dueAt(slaSeconds)} < now() AS overdue,
    (t.status = 'claimed' AND t.claim_expires_at > now()) AS live_claim`;
}

/** Maps a summary row for `moderatorId`; an expired claim reads as open. */
export function toSummary(row: SummaryRow, moderatorId: string): TaskSummary {
  const status = row.status === 'claimed' && !row.live_claim ? 'open' : row.status;
  const claimed = status === 'claimed';
  return {
    task_id: row.task_id,
    tenant_id: row.tenant_id,
    post_id: row.post_id,
    revision: row.revision,
    source: SOURCE_OF[row.kind],
    status,
    claimed_by: claimed ? row.claimer_name : null,
    claimed_by_me: claimed && row.claimed_by === moderatorId,
    claim_expires_at: claimed ? row.claim_expires_at!.toISOString() : null,
    claimed_at: claimed ? (row.claimed_at ?? row.claim_expires_at!).toISOString() : null,
    priority: row.priority,
    platform_priority: row.platform_priority,
    categories: row.categories,
    severity: row.severity,
    escalation_level: row.escalation_level,
    lang: row.lang,
    caption: row.caption,
    media_kinds: row.media_kinds,
    created_at: row.created_at.toISOString(),
    due_at: row.due_at.toISOString(),
    overdue: row.overdue,
    triage: {
      tier: row.triage_tier,
      label: (TRIAGE_TIERS.find((t) => t.tier === row.triage_tier) ?? TRIAGE_TIERS[3]).label,
      sla_seconds: Math.round((row.due_at.getTime() - row.due_from.getTime()) / 1000),
    },
  };
}

/**
 * Queue order: overdue tasks first, then by triage tier (self-harm intent before an insult), then the
 * soonest due, then by priority, then oldest first.
 */
export function queueOrder(slaSeconds: number): RawBuilder<unknown> {
  return sql`${dueAt(slaSeconds)} < now() DESC, ${triageTierSql()} ASC, ${dueAt(slaSeconds)} ASC, t.priority DESC, t.created_at ASC, t.task_id`;
}
