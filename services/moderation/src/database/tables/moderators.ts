import type { Generated } from 'kysely';
import type { Timestamp, DefaultedTimestamp } from './columns';

// Row types: moderator accounts, identities and sessions.

export type ModeratorRole = 'viewer' | 'moderator' | 'admin';

export interface ModeratorsTable {
  moderator_id: string;
  /** Lower-case login name. */
  username: string;
  display_name: string;
  role: ModeratorRole;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  disabled_at: Timestamp | null;
}

/** How a moderator proves who they are: `local` (username + scrypt hash) now; an OIDC issuer later. */
export interface ModeratorIdentitiesTable {
  provider: string;
  subject: string;
  moderator_id: string;
  /** PHC-style scrypt string for `local`; null for external providers. */
  secret_hash: string | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  created_at: DefaultedTimestamp;
  last_login_at: Timestamp | null;
}

export interface ModeratorSessionsTable {
  /** Hex SHA-256 of the session cookie value (the value itself is never stored). */
  session_hash: string;
  moderator_id: string;
  provider: string;
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  user_agent: string | null;
  ip: string | null;
}
