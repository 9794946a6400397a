import type { CategoryId } from '@vigil/contracts';
import { sql, type RawBuilder } from 'kysely';

/**
 * Triage by severity: how soon a task must be decided, from what it is about. Each rule gives a category
 * at or above a severity (0..3, see `severityOf`) a response time; a task takes the shortest of its
 * categories' times (and never more than its queue's SLA). Self-harm with stated intent, sexual content
 * involving minors and credible threats are minutes; an insult or spam is a day.
 */
export const TRIAGE_TIERS = [
  { tier: 1, label: 'urgent', seconds: 15 * 60 },
  { tier: 2, label: 'high', seconds: 60 * 60 },
  { tier: 3, label: 'elevated', seconds: 4 * 60 * 60 },
  { tier: 4, label: 'routine', seconds: 24 * 60 * 60 },
] as const;
export type TriageTier = (typeof TRIAGE_TIERS)[number]['tier'];

/** Categories by tier, each with the least severity that puts a task there (first match wins per category). */
export const TRIAGE_RULES: readonly { category: CategoryId; minSeverity: number; tier: TriageTier }[] = [
  { category: 'self-harm/intent', minSeverity: 1, tier: 1 },
  { category: 'sexual/minors', minSeverity: 1, tier: 1 },
  { category: 'harassment/threatening', minSeverity: 2, tier: 1 },
  { category: 'harassment/threatening', minSeverity: 1, tier: 2 },
  { category: 'self-harm', minSeverity: 1, tier: 2 },
  { category: 'violence/graphic', minSeverity: 2, tier: 2 },
  { category: 'violence', minSeverity: 3, tier: 2 },
  { category: 'hate', minSeverity: 3, tier: 2 },
  { category: 'hate', minSeverity: 2, tier: 3 },
  { category: 'violence', minSeverity: 2, tier: 3 },
  { category: 'harassment', minSeverity: 3, tier: 3 },
  { category: 'sexual', minSeverity: 2, tier: 3 },
  { category: 'illicit/weapons', minSeverity: 2, tier: 3 },
  { category: 'illicit/drugs', minSeverity: 2, tier: 3 },
];

/** The routine tier: everything no rule puts higher (an insult, profanity, spam). */
export const ROUTINE_TIER: TriageTier = 4;

export function tierSeconds(tier: number): number {
  return (TRIAGE_TIERS.find((t) => t.tier === tier) ?? TRIAGE_TIERS[3]).seconds;
}

/** The tier of a set of (category, severity) pairs: the most urgent any rule gives. */
export function triageTier(items: readonly { category: string; severity: number }[]): TriageTier {
  let best: TriageTier = ROUTINE_TIER;
  for (const { category, severity } of items)
    for (const rule of TRIAGE_RULES)
      if (rule.category === category && severity >= rule.minSeverity && rule.tier < best) best = rule.tier;
  return best;
}

/**
 * The triage tier of task `t` in SQL, per the same rules: each reason's category at the severity of its
 * score (`severityOf`), or the task's severity when the reason has no score (reports, appeals); categories
 * named by no reason count at the task's severity.
 */
export function triageTierSql(): RawBuilder<number> {
  const cases = TRIAGE_RULES.map(
    (r) =>
      sql`WHEN x.category = ${r.category} AND x.severity >= ${sql.lit(r.minSeverity)} THEN ${sql.lit(r.tier)}`,
  );
  return sql<number>`coalesce((
    SELECT min(CASE ${sql.join(cases, sql` `)} ELSE ${sql.lit(ROUTINE_TIER)} END)
    FROM (
      SELECT r->>'category' AS category,
             CASE WHEN jsonb_typeof(r->'score') = 'number' THEN
               CASE WHEN (r->>'score')::float8 >= 0.8 THEN 3 WHEN (r->>'score')::float8 >= 0.5 THEN 2
                    WHEN (r->>'score')::float8 >= 0.2 THEN 1 ELSE 0 END
             ELSE t.severity END AS severity
      FROM jsonb_array_elements(t.reasons) r WHERE r ? 'category'
      UNION ALL
      SELECT c, t.severity FROM unnest(t.categories) c
      WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(t.reasons) r2 WHERE r2->>'category' = c)
    ) x), ${sql.lit(ROUTINE_TIER)})::int`;
}

/** Seconds from the start (`dueFromSql`) to due for task `t` in a queue with `slaSeconds`: its tier's time, capped by the queue's. */
export function dueSecondsSql(slaSeconds: number): RawBuilder<number> {
  const byTier = TRIAGE_TIERS.map((t) => sql`WHEN ${sql.lit(t.tier)} THEN ${sql.lit(t.seconds)}`);
  return sql<number>`least(${slaSeconds}::int, CASE ${triageTierSql()} ${sql.join(byTier, sql` `)} END)`;
}

/**
 * When task `t`'s response time starts: at its latest escalation that was not undone (a senior reviewer
 * gets the tier's full time from the moment the task reaches them), else at its creation. With `before`
 * (a decision's time), only escalations before it count: the start the task had when that decision was
 * made. Only escalated tasks look up their escalations (index `human_decisions_escalations`, 0012).
 */
export function dueFromSql(before?: RawBuilder<Date>): RawBuilder<Date> {
  const until = before ? sql`AND e.decided_at < ${before}` : sql``;
  return sql<Date>`coalesce(CASE WHEN t.escalation_level > 0 THEN (
    SELECT max(e.decided_at) FROM human_decisions e
    WHERE e.task_id = t.task_id AND e.decision = 'escalate' AND e.undone_at IS NULL ${until}) END, t.created_at)`;
}

/** When task `t` is due in a queue with `slaSeconds`: its start (`dueFromSql`) + its tier's time, at most the SLA. */
export function dueAtSql(slaSeconds: number, before?: RawBuilder<Date>): RawBuilder<Date> {
  return sql<Date>`(${dueFromSql(before)} + make_interval(secs => ${dueSecondsSql(slaSeconds)}))`;
}
