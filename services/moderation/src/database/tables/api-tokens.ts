import type { Generated } from 'kysely';
import type { Timestamp, DefaultedTimestamp } from './columns';

// Row types: tenants' API tokens.

export interface ApiTokensTable {
  token_id: string;
  tenant_id: string;
  name: string;
  /** Hex SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  scopes: string[];
  created_at: DefaultedTimestamp;
  revoked_at: Timestamp | null;
  /** Migration 0004; updated at most once a minute per token. */
  last_used_at: Generated<Date | null>;
}
