import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database/database';
import type { QueueRow } from './queues';
import type { QueueFilter } from './schemas';
import { filterSql } from './task-summaries';
import { dueAtSql, dueFromSql } from './triage';

export interface ModeratorStats {
  readonly moderator_id: string;
  readonly display_name: string;
  /** Final decisions (approve, remove, age restrict). */
  readonly decisions: number;
  /** Escalations to a senior queue. */
  readonly escalations: number;
  /** Median seconds from the task's arrival in its queue (creation or escalation) to the decision or escalation. */
  readonly median_decision_seconds: number | null;
  readonly undone: number;
}

export interface QueueStats {
  readonly queue_id: string;
  readonly name: string;
  /** Final decisions made while the task was in this queue. */
  readonly decisions: number;
  /** Escalations made from this queue: counted here, where they were made, not in the senior queue. */
  readonly escalations: number;
  /**
   * Median seconds from the task's arrival in this queue (its creation, or the escalation that brought
   * it here) to its decision or escalation.
   */
  readonly median_decision_seconds: number | null;
  /**
   * Decided or escalated after the task was due (triage time from its arrival in this queue, at most the
   * queue's SLA).
   */
  readonly sla_breaches: number;
  /** Waiting now and already past due. */
  readonly overdue_open: number;
}

export interface TeamStats {
  readonly since: string;
  readonly moderators: ModeratorStats[];
  readonly queues: QueueStats[];
  /** Decided appeals whose decision reversed the removal (approve), of all decided appeals. */
  readonly appeals: {
    readonly decided: number;
    readonly overturned: number;
    readonly overturn_rate: number | null;
  };
  /** Reviewers' per-category labels: how often they agreed with the model's score. */
  readonly model_agreement: {
    readonly labels: number;
    readonly agreed: number;
    readonly rate: number | null;
  };
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

/**
 * The escalation level decision `d`'s task had when it was decided: its escalations (not undone) before
 * `d`. A task's `escalation_level` is the level now, after every escalation; only escalations (and their
 * undo) change it.
 */
const LEVEL_WHEN_DECIDED = sql<number>`(SELECT count(*) FROM human_decisions e
  WHERE e.task_id = d.task_id AND e.decision = 'escalate' AND e.undone_at IS NULL AND e.decided_at < d.decided_at)`;

/** Decision `d`'s time: its task's due time and the time it took count from the start the task had then. */
const DECIDED_AT = sql<Date>`d.decided_at`;

/** Whether decision `d` was made in the queue with `filter`: the queue's filter over the task as it was then. */
function inQueueWhenDecided(filter: QueueFilter): RawBuilder<boolean> {
  const { escalated, ...rest } = filter;
  if (escalated === undefined) return filterSql(rest);
  return sql<boolean>`(${filterSql(rest)} AND ${LEVEL_WHEN_DECIDED} ${sql.raw(escalated ? '>' : '=')} 0)`;
}

/**
 * A team lead's numbers over the decisions since a time: final decisions, escalations and median time to
 * decision per moderator and per queue, SLA breaches, the overturn rate on appeal and agreement with the
 * model. A decision or escalation counts in the queue the task was in when it was made: an escalation
 * from the first-line queue is that queue's, not the senior queue's where the task now waits. Undone
 * decisions count only as undone.
 */
export async function teamStats(db: Db, queues: readonly QueueRow[], since: Date): Promise<TeamStats> {
  const { rows: perModerator } = await sql<{
    moderator_id: string;
    display_name: string | null;
    decisions: string;
    escalations: string;
    undone: string;
    median: number | null;
  }>`
    SELECT d.moderator_id, mo.display_name,
           count(*) FILTER (WHERE d.undone_at IS NULL AND d.decision <> 'escalate') AS decisions,
           count(*) FILTER (WHERE d.undone_at IS NULL AND d.decision = 'escalate') AS escalations,
           count(*) FILTER (WHERE d.undone_at IS NOT NULL) AS undone,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - ${dueFromSql(DECIDED_AT)}))
             FILTER (WHERE d.undone_at IS NULL) AS median
    FROM human_decisions d
    JOIN review_tasks t ON t.task_id = d.task_id
    LEFT JOIN moderators mo ON mo.moderator_id::text = d.moderator_id
    WHERE d.decided_at >= ${since}
    GROUP BY d.moderator_id, mo.display_name
    ORDER BY count(*) DESC, d.moderator_id`.execute(db);

  const perQueue = await Promise.all(
    queues.map(async (q) => {
      const { rows } = await sql<{
        decisions: string;
        escalations: string;
        median: number | null;
        breaches: string;
        overdue: string;
      }>`
        SELECT count(*) FILTER (WHERE h.decision <> 'escalate') AS decisions,
               count(*) FILTER (WHERE h.decision = 'escalate') AS escalations,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY h.secs) AS median,
               count(*) FILTER (WHERE h.late) AS breaches,
               (SELECT count(*) FROM review_tasks t JOIN posts p USING (tenant_id, post_id, revision)
                WHERE t.status IN ('open', 'claimed') AND ${filterSql(q.filter)}
                  AND now() > ${dueAtSql(q.sla_seconds)}) AS overdue
        FROM (
          SELECT d.decision, extract(epoch FROM d.decided_at - ${dueFromSql(DECIDED_AT)}) AS secs,
                 d.decided_at > ${dueAtSql(q.sla_seconds, DECIDED_AT)} AS late
          FROM human_decisions d JOIN review_tasks t ON t.task_id = d.task_id
            JOIN posts p ON (p.tenant_id, p.post_id, p.revision) = (t.tenant_id, t.post_id, t.revision)
          WHERE d.decided_at >= ${since} AND d.undone_at IS NULL AND ${inQueueWhenDecided(q.filter)}
        ) h`.execute(db);
      const r = rows[0]!;
      return {
        queue_id: q.queue_id,
        name: q.name,
        decisions: Number(r.decisions),
        escalations: Number(r.escalations),
        median_decision_seconds: seconds(r.median),
        sla_breaches: Number(r.breaches),
        overdue_open: Number(r.overdue),
      };
    }),
  );

  const { rows: appealRows } = await sql<{ decided: string; overturned: string }>`
    SELECT count(*) AS decided, count(*) FILTER (WHERE d.decision = 'approve') AS overturned
    FROM human_decisions d JOIN review_tasks t ON t.task_id = d.task_id
    WHERE t.kind = 'appeal' AND d.decision <> 'escalate' AND d.undone_at IS NULL AND d.decided_at >= ${since}`.execute(
    db,
  );
  const { rows: agreeRows } = await sql<{ labels: string; agreed: string }>`
    SELECT count(*) AS labels, count(*) FILTER (WHERE agrees) AS agreed
    FROM review_feedback WHERE created_at >= ${since}`.execute(db);
  const appeals = { decided: Number(appealRows[0]!.decided), overturned: Number(appealRows[0]!.overturned) };
  const agreement = { labels: Number(agreeRows[0]!.labels), agreed: Number(agreeRows[0]!.agreed) };
  return {
    since: since.toISOString(),
    moderators: perModerator.map((m) => ({
      moderator_id: m.moderator_id,
      display_name: m.display_name ?? m.moderator_id,
      decisions: Number(m.decisions),
      escalations: Number(m.escalations),
      median_decision_seconds: seconds(m.median),
      undone: Number(m.undone),
    })),
    queues: perQueue,
    appeals: { ...appeals, overturn_rate: rate(appeals.overturned, appeals.decided) },
    model_agreement: { ...agreement, rate: rate(agreement.agreed, agreement.labels) },
  };
}

/** One CSV field (RFC 4180), with spreadsheet formula characters neutralised. */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
