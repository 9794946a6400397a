import { sql, type Kysely } from 'kysely';

/**
 * Due times restart at escalation: a task's response time counts from its latest escalation
 * that was not undone. This partial index finds a task's standing escalations without scanning every
 * decision; it holds escalations only, a small share of `human_decisions`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX human_decisions_escalations ON human_decisions (task_id, decided_at)
      WHERE decision = 'escalate' AND undone_at IS NULL
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX human_decisions_escalations`.execute(db);
}
