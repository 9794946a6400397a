import { HASH_BANKS_CHANNEL } from '@vigil/contracts';
import { sql, type Kysely } from 'kysely';

/**
 * Hash banks: lists of PDQ hashes (images) or vPDQ frame-hash sets (videos) of known content, each bank
 * with the action it asks policy for (`remove`, `review`, …). The classifier reads enabled banks
 * read-only and keeps an in-memory index; every row written records its transaction (`change_txid`, as
 * the verdict feed does) and each statement NOTIFYs HASH_BANKS_CHANNEL (@vigil/contracts) with the schema
 * name as payload, so classifiers read only rows of transactions that were not yet visible at their
 * previous read (`change_txid >= pg_snapshot_xmin` of that read): nothing committed late is skipped.
 * Hashes are never deleted: removing one sets `removed_at` (the history stays auditable and the
 * classifier sees the removal as a change). Moderators confirm or reject matches from the review flow; a
 * rejected match disables that hash, not its bank. The classifier's queries of these tables are
 * HASH_BANKS_QUERY and BANK_HASHES_QUERY in @vigil/contracts: keep them in step with any change here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE hash_banks (
      bank_id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
      source text NOT NULL DEFAULT '',
      signal_type text NOT NULL CHECK (signal_type IN ('pdq', 'vpdq')),
      action text NOT NULL CHECK (action ~ '^[a-z_]{1,32}$'),
      enabled boolean NOT NULL DEFAULT true,
      description text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      change_txid xid8 NOT NULL DEFAULT pg_current_xact_id()
    );

    CREATE TABLE bank_hashes (
      hash_id bigserial PRIMARY KEY,
      bank_id uuid NOT NULL REFERENCES hash_banks ON DELETE CASCADE,
      -- pdq: the 256-bit hash; vpdq: NULL (the entry is its frame set)
      hash text CHECK (hash ~ '^[0-9a-f]{64}$'),
      -- vpdq: [{hash, quality, timestamp}] of the known video's frames
      frames jsonb,
      quality smallint CHECK (quality BETWEEN 0 AND 100),
      -- the list's own id for the entry, when it has one
      external_id text,
      metadata jsonb NOT NULL DEFAULT '{}',
      added_at timestamptz NOT NULL DEFAULT now(),
      added_by text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text,
      removed_at timestamptz,
      match_state text NOT NULL DEFAULT 'unreviewed'
        CHECK (match_state IN ('unreviewed', 'confirmed', 'rejected')),
      confirmed_matches integer NOT NULL DEFAULT 0,
      rejected_matches integer NOT NULL DEFAULT 0,
      reviewed_at timestamptz,
      reviewed_by text,
      change_txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      CHECK ((hash IS NULL) <> (frames IS NULL))
    );
    CREATE UNIQUE INDEX bank_hashes_hash ON bank_hashes (bank_id, hash) WHERE hash IS NOT NULL;
    CREATE UNIQUE INDEX bank_hashes_external ON bank_hashes (bank_id, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX bank_hashes_changes ON bank_hashes (change_txid);

    -- One row per moderator decision on a match shown in the review flow.
    CREATE TABLE hash_match_reviews (
      review_id uuid PRIMARY KEY,
      hash_id bigint NOT NULL REFERENCES bank_hashes,
      tenant_id text NOT NULL,
      post_id text NOT NULL,
      revision integer NOT NULL,
      media_id text NOT NULL,
      decision text NOT NULL CHECK (decision IN ('confirm', 'reject')),
      moderator_id uuid NOT NULL,
      note text,
      decided_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX hash_match_reviews_post ON hash_match_reviews (tenant_id, post_id, revision);

    CREATE FUNCTION hash_bank_touch() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_txid := pg_current_xact_id();
      RETURN NEW;
    END $$;
    CREATE TRIGGER hash_banks_touch BEFORE UPDATE ON hash_banks
      FOR EACH ROW EXECUTE FUNCTION hash_bank_touch();
    CREATE TRIGGER bank_hashes_touch BEFORE UPDATE ON bank_hashes
      FOR EACH ROW EXECUTE FUNCTION hash_bank_touch();

    CREATE FUNCTION hash_bank_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify(${sql.lit(HASH_BANKS_CHANNEL)}, current_schema());
      RETURN NULL;
    END $$;
    CREATE TRIGGER hash_banks_notify AFTER INSERT OR UPDATE OR DELETE ON hash_banks
      FOR EACH STATEMENT EXECUTE FUNCTION hash_bank_notify();
    CREATE TRIGGER bank_hashes_notify AFTER INSERT OR UPDATE OR DELETE ON bank_hashes
      FOR EACH STATEMENT EXECUTE FUNCTION hash_bank_notify();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE hash_match_reviews;
    DROP TABLE bank_hashes;
    DROP TABLE hash_banks;
    DROP FUNCTION hash_bank_notify();
    DROP FUNCTION hash_bank_touch();
  `.execute(db);
}
