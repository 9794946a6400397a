import { sql, type Kysely } from 'kysely';

/** API tokens record when they were last used (listed by `token list` and the tokens API). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_tokens ADD COLUMN last_used_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_tokens DROP COLUMN last_used_at`.execute(db);
}
