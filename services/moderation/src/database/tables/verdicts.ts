import type { Generated } from 'kysely';
import type { Timestamp, DefaultedTimestamp, Json, DefaultedJson, BigSerial } from './columns';

// Row types: verdicts and the transactional outbox that publishes them.

export interface VerdictsTable {
  verdict_id: string;
  tenant_id: string;
  post_id: string;
  revision: number;
  source: 'model' | 'human';
  status: 'ok' | 'error';
  strongest_action: string;
  actions: Json<unknown[]>;
  policy_id: string;
  policy_version: string;
  /** The VerdictV1 as published. */
  payload: Json<unknown>;
  supersedes: string | null;
  decided_at: Timestamp;
  seq: BigSerial;
  txid: BigSerial;
}

export interface OutboxTable {
  id: BigSerial;
  /** Manifest topic name without the environment prefix (`vigil.verdicts.v1`). */
  topic: string;
  message_key: string | null;
  payload: string;
  headers: DefaultedJson<Record<string, string>>;
  verdict_id: string | null;
  created_at: DefaultedTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  /** The relay leaves the row alone until then (a human verdict in its undo window). */
  not_before: Timestamp | null;
}
