import { sql, type Kysely } from 'kysely';

/**
 * A hash bank may belong to one tenant (`owner_tenant`): only a moderator deciding on that tenant's posts
 * can disable one of its entries by rejecting a match. Banks without an owner are shared (operator
 * lists): a rejected match is recorded and counted, and an admin decides whether to disable the entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE hash_banks ADD COLUMN owner_tenant text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE hash_banks DROP COLUMN owner_tenant`.execute(db);
}
