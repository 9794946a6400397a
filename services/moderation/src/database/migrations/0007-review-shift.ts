import { sql, type Kysely } from 'kysely';

/**
 * A review shift (issue 21): the undo window after a decision. A human verdict's outbox row waits until
 * `not_before` (its webhook delivery until `next_attempt_at`), so a decision undone inside the window is
 * never published; `human_decisions` says until when it can be undone and when it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE outbox ADD COLUMN not_before timestamptz;
    ALTER TABLE human_decisions
      ADD COLUMN undo_until timestamptz,
      ADD COLUMN undone_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE human_decisions DROP COLUMN undo_until, DROP COLUMN undone_at;
    ALTER TABLE outbox DROP COLUMN not_before;
  `.execute(db);
}
