import type { BankFileRejection } from '@vigil/pdq';
import type { HashMatchState } from '../database/tables';

/** What a bank's entries are: single PDQ hashes (images, frames) or vPDQ frame sets (videos). */
export const SIGNAL_TYPES = ['pdq', 'vpdq'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** A bank as the API and the CLI show it. */
export interface Bank {
  bank_id: string;
  name: string;
  source: string;
  signal_type: SignalType;
  /** What the bank asks policy for (`remove`, `review`, …). */
  action: string;
  enabled: boolean;
  description: string | null;
  /**
   * The tenant that owns the bank: a rejected match disables an entry only when the post is this
   * tenant's. Null: a shared bank, whose entries only an admin disables.
   */
  owner_tenant: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** Entries neither removed nor disabled (the ones the classifier matches). */
  active_hashes: number;
  /** Entries disabled one by one (e.g. a moderator rejected a match), not removed. */
  disabled_hashes: number;
}

/** One entry of a bank. */
export interface BankHash {
  hash_id: string;
  /** PDQ hex (pdq banks); null for vpdq entries. */
  hash: string | null;
  /** Frame count of a vpdq entry. */
  frames: number | null;
  quality: number | null;
  external_id: string | null;
  metadata: Record<string, unknown>;
  added_at: string;
  added_by: string;
  enabled: boolean;
  disabled_reason: string | null;
  removed_at: string | null;
  match_state: HashMatchState;
  confirmed_matches: number;
  rejected_matches: number;
}

/** A PDQ hash to add: 64 hex digits, optional quality, the list's id and free-form metadata. */
export interface NewBankHash {
  hash: string;
  quality?: number;
  external_id?: string;
  metadata?: Record<string, unknown>;
}

/** A video to add to a `vpdq` bank: its frame hashes, the list's id (null: none) and who adds it. */
export interface NewBankVideo {
  frames: readonly { hash: string; quality: number; timestamp: number }[];
  externalId: string | null;
  metadata?: Record<string, unknown>;
  actor: string;
}

/** Outcome of adding or importing hashes. */
export interface ImportReport {
  bank: string;
  /** Entries read from the input. */
  read: number;
  /** New entries, plus removed ones added again. */
  added: number;
  /** Entries the bank already held (unchanged). */
  existing: number;
  /** Records that are not usable hashes, with line and reason (nothing is dropped silently). */
  rejected: BankFileRejection[];
}

export interface BankChange {
  enabled?: boolean;
  action?: string;
  source?: string;
  description?: string | null;
}
