/**
 * Hash banks across services: what the moderation service (which owns the tables, through its migration
 * services/moderation/src/database/migrations/0003-hash-banks.ts) and the classifier (which reads them
 * read-only, in its own connection to the moderation database) share through PostgreSQL. Plain SQL text
 * and row types only: each service runs it with its own driver. A change to the tables that breaks these
 * queries or rows needs a change here, in the same commit.
 */

/**
 * PostgreSQL NOTIFY channel of hash-bank changes. The moderation service's table triggers send it once per
 * statement that inserts, updates or deletes rows of `hash_banks` or `bank_hashes`, with the writing
 * schema's name as payload (`current_schema()`, the moderation service's `DATABASE_SCHEMA`). Classifiers
 * LISTEN on it and re-read the banks when the payload is their schema. A plain lower-case identifier: safe
 * to write unquoted (`LISTEN vigil_hash_banks`) or as a SQL string literal. Migration 0003 writes it into
 * the trigger function once: renaming it needs a new migration that recreates `hash_bank_notify()`.
 */
export const HASH_BANKS_CHANNEL = 'vigil_hash_banks';

/** Signal a bank holds: `pdq` (one 256-bit image hash per entry) or `vpdq` (a video's frame hashes). */
export type HashBankSignalType = 'pdq' | 'vpdq';

/** A bank as the classifier reads it: one row of {@link HASH_BANKS_QUERY}. */
export interface HashBankRow {
  /** uuid. */
  readonly bank_id: string;
  /** `[a-z0-9][a-z0-9._-]{0,63}`, unique. */
  readonly name: string;
  /** What the bank asks policy for (`remove`, `review`, …), `[a-z_]{1,32}`. */
  readonly action: string;
  readonly signal_type: HashBankSignalType;
  /** A disabled bank matches nothing. */
  readonly enabled: boolean;
}

/**
 * Every bank, enabled or not, one {@link HashBankRow} each. Reads `hash_banks` (`bank_id`, `name`,
 * `action`, `signal_type`, `enabled`), a table the moderation service owns through its migrations.
 */
export const HASH_BANKS_QUERY = 'SELECT bank_id, name, action, signal_type, enabled FROM hash_banks';

/**
 * SQL condition, over {@link BANK_HASHES_QUERY}'s aliases (`h` entry, `b` its bank), of an entry that can
 * match: neither disabled nor removed, in an enabled bank.
 */
export const BANK_HASH_ACTIVE = 'h.enabled AND h.removed_at IS NULL AND b.enabled';

/** One bank entry as the classifier reads it: one row of {@link BANK_HASHES_QUERY}. */
export interface BankHashRow {
  /** bigserial, as decimal text (keyset pagination compares it as `bigint`). */
  readonly hash_id: string;
  /** uuid of its bank ({@link HashBankRow.bank_id}). */
  readonly bank_id: string;
  /** pdq entries: the hash, 64 lower-case hex digits; vpdq entries: null. */
  readonly hash: string | null;
  /** vpdq entries: the known video's frames (hash as above, PDQ quality 0..100); pdq entries: null. */
  readonly frames: readonly { readonly hash: string; readonly quality: number }[] | null;
  /** {@link BANK_HASH_ACTIVE} at the time of the read. */
  readonly active: boolean;
}

/**
 * Bank entries with whether each is active, one {@link BankHashRow} each; without a WHERE clause, which
 * the reader appends (e.g. `WHERE ${BANK_HASH_ACTIVE}`, or `WHERE h.change_txid >= $1::xid8` for the
 * entries of transactions not visible at a previous read). Reads `bank_hashes` (`hash_id`, `bank_id`,
 * `hash`, `frames`, `enabled`, `removed_at`, `change_txid`) joined with `hash_banks` (`bank_id`,
 * `enabled`): tables the moderation service owns through its migrations.
 */
export const BANK_HASHES_QUERY = `SELECT h.hash_id::text, h.bank_id, h.hash, h.frames, (${BANK_HASH_ACTIVE}) AS active
  FROM bank_hashes h JOIN hash_banks b USING (bank_id)`;

/**
 * One keyset page of active entries ({@link BANK_HASH_ACTIVE}), in `hash_id` order: parameters `$1` the
 * last `hash_id` of the previous page (decimal text, `'0'` for the first page) and `$2` a bank's uuid, or
 * null for every bank.
 * @param pageSize rows per page, a positive integer (it is written into the SQL, never user input).
 * @throws RangeError when `pageSize` is not a positive integer.
 */
export function activeBankHashesPageQuery(pageSize: number): string {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size ${pageSize}`);
  return `${BANK_HASHES_QUERY} WHERE ${BANK_HASH_ACTIVE}
  AND ($2::uuid IS NULL OR h.bank_id = $2::uuid) AND h.hash_id > $1::bigint
  ORDER BY h.hash_id LIMIT ${pageSize}`;
}

/**
 * Entries changed by transactions not visible at a previous read (active or not: a disabled or removed
 * entry leaves the index): parameter `$1` that read's `pg_snapshot_xmin` (xid8 as text).
 */
export const CHANGED_BANK_HASHES_QUERY = `${BANK_HASHES_QUERY} WHERE h.change_txid >= $1::xid8`;
