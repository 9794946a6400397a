import { sql, type Kysely } from 'kysely';

/**
 * Claim start and platform priority on review tasks (issue 21).
 *
 * `claimed_at`: when the current holder claimed the task; renewing the claim keeps it, releasing,
 * escalating or a new claim after the lease ran out replaces it (null while nobody holds the task).
 * Claims held when this migration runs start now.
 *
 * `platform_priority`: the urgency the platform sent with an appeal or report (`low`, `normal`, `high`;
 * `normal` when it sent none), separate from the integer queue `priority` derived from it; null for
 * tasks the model's policy opened. Existing platform tasks get it back from their priority.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE review_tasks
      ADD COLUMN claimed_at timestamptz,
      ADD COLUMN platform_priority text CHECK (platform_priority IN ('low', 'normal', 'high'));
    UPDATE review_tasks SET claimed_at = now() WHERE claimed_by IS NOT NULL AND status = 'claimed';
    UPDATE review_tasks
      SET platform_priority = CASE WHEN priority <= 50 THEN 'low' WHEN priority >= 250 THEN 'high' ELSE 'normal' END
      WHERE kind IN ('appeal', 'report');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE review_tasks DROP COLUMN claimed_at, DROP COLUMN platform_priority`.execute(db);
}
