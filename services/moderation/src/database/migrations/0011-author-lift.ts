import { sql, type Kysely } from 'kysely';

/**
 * Lifting author actions (issue 21): a moderator may end a mute or suspension before it runs out.
 * `lifted_at`: when it was lifted; `lifted_by`: the moderator who lifted it (both null while it stands).
 * A warning is never lifted; a lifted action stays on record (and still counts as a strike).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE author_actions
      ADD COLUMN lifted_at timestamptz,
      ADD COLUMN lifted_by uuid REFERENCES moderators,
      ADD CONSTRAINT author_actions_lifted_check CHECK ((lifted_at IS NULL) = (lifted_by IS NULL));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE author_actions
      DROP CONSTRAINT author_actions_lifted_check, DROP COLUMN lifted_at, DROP COLUMN lifted_by
  `.execute(db);
}
