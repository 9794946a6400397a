import type { Queryable } from '../database/database';

/** An audit record: who did what to which subject, with the state before and after. */
export interface AuditEntry {
  actor: string;
  tenantId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit record (who, what, when, before/after) in the caller's transaction. */
export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      tenant_id: entry.tenantId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
