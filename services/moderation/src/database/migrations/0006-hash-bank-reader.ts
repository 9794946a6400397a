import { sql, type Kysely } from 'kysely';

/** The database role whose members may read the hash banks and nothing else (the classifier's). */
export const HASH_BANK_READER_ROLE = 'vigil_hash_bank_reader';

/**
 * The classifier reads the hash-bank tables and nothing else, so its database login should be a member
 * of `vigil_hash_bank_reader`: USAGE on this schema and SELECT on `hash_banks` and `bank_hashes` only
 * (no INSERT, UPDATE, DELETE, no other table). The role is created here when missing (NOLOGIN: a
 * deployment creates the classifier's login in it, see docs/threat-model.md). A database user without
 * CREATEROLE cannot create it: the migration then only notes it and succeeds, and the classifier keeps
 * whatever credentials it is given (create the role once as a superuser and restart to get the grants).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vigil_hash_bank_reader') THEN
        BEGIN
          CREATE ROLE vigil_hash_bank_reader NOLOGIN;
        EXCEPTION
          WHEN duplicate_object OR unique_violation THEN NULL; -- another schema's migration made it meanwhile
          WHEN insufficient_privilege THEN
            RAISE NOTICE 'vigil: no CREATEROLE, role vigil_hash_bank_reader not created; the classifier keeps its own credentials';
            RETURN;
        END;
      END IF;
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO vigil_hash_bank_reader', current_schema());
      GRANT SELECT ON hash_banks, bank_hashes TO vigil_hash_bank_reader;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'vigil: could not grant the hash-bank tables to vigil_hash_bank_reader: %', SQLERRM;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'vigil_hash_bank_reader') THEN
        REVOKE SELECT ON hash_banks, bank_hashes FROM vigil_hash_bank_reader;
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM vigil_hash_bank_reader', current_schema());
      END IF;
    END $$;
  `.execute(db);
}
