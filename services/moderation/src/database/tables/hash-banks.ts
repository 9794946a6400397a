import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, DefaultedTimestamp, Json, DefaultedJson, BigSerial } from './columns';

// Row types: hash banks, their entries and match reviews (migration 0003).

/** A bank of known-content hashes (migration 0003). */
export interface HashBanksTable {
  bank_id: string;
  /** Lowercase, `[a-z0-9._-]`, named in verdicts. */
  name: string;
  /** Where the list came from (e.g. `ncmec`, `threatexchange:123`). */
  source: Generated<string>;
  signal_type: 'pdq' | 'vpdq';
  /** What the bank asks policy for (`remove`, `review`, …; policy `hash_match.bank_actions` maps it). */
  action: string;
  enabled: Generated<boolean>;
  description: string | null;
  created_at: DefaultedTimestamp;
  created_by: string;
  updated_at: DefaultedTimestamp;
  /** Transaction that last wrote the row (xid8, read as text). */
  change_txid: BigSerial;
  /**
   * Migration 0005: the tenant that owns the bank (only its moderators disable entries by rejecting a
   * match); null = shared (an admin disables entries).
   */
  owner_tenant: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Per-hash review state of an entry: how moderators judged the matches it produced. */
export type HashMatchState = 'unreviewed' | 'confirmed' | 'rejected';

/** One entry of a bank: a PDQ hash, or a vPDQ frame set (migration 0003). */
export interface BankHashesTable {
  hash_id: BigSerial;
  bank_id: string;
  hash: string | null;
  frames: Json<{ hash: string; quality: number; timestamp: number }[]> | null;
  quality: number | null;
  external_id: string | null;
  metadata: DefaultedJson<Record<string, unknown>>;
  added_at: DefaultedTimestamp;
  added_by: string;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  removed_at: Timestamp | null;
  match_state: ColumnType<HashMatchState, HashMatchState | undefined, HashMatchState>;
  confirmed_matches: Generated<number>;
  rejected_matches: Generated<number>;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  /** Transaction that last wrote the row (xid8, read as text). */
  change_txid: BigSerial;
}

/** A moderator's confirm/reject of one match seen in the review flow (migration 0003). */
export interface HashMatchReviewsTable {
  review_id: string;
  hash_id: string;
  tenant_id: string;
  post_id: string;
  revision: number;
  media_id: string;
  decision: 'confirm' | 'reject';
  moderator_id: string;
  note: string | null;
  decided_at: DefaultedTimestamp;
}
