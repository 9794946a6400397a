import type { DefaultedTimestamp, Json, BigSerial } from './columns';

// Row types: the audit log.

export interface AuditLogTable {
  id: BigSerial;
  at: DefaultedTimestamp;
  /** `system`, `token:<token_id>`, `moderator:<id>`, `cli`. */
  actor: string;
  tenant_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}
