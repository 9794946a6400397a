import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../format';

type AuditEntry = Schemas['AuditEntry'];

/** The actor as a person reads it: the moderator's name and username; the raw actor in the tooltip. */
function Actor({ entry }: { entry: AuditEntry }) {
  if (!entry.actor_name) return <span title={entry.actor}>{entry.actor}</span>;
  return (
    <span title={entry.actor}>
      {entry.actor_name}
      {entry.actor_username && entry.actor_username !== entry.actor_name && (
        <span className="muted small"> {entry.actor_username}</span>
      )}
    </span>
  );
}

/** The subject: the post of a review task or a moderator's name where known; the raw type and id in the tooltip. */
function Subject({ entry }: { entry: AuditEntry }) {
  const raw = `${entry.subject_type} ${entry.subject_id}`;
  if (!entry.subject_label) return <span title={raw}>{raw}</span>;
  return (
    <span title={raw}>
      {entry.subject_label} <span className="muted small">{entry.subject_type.replace('_', ' ')}</span>
    </span>
  );
}

/**
 * The audit log's rows: when (the locale's date and the 24 h time, as in the item history; the exact
 * instant on hover), who (name and username, raw actor id on hover), the action, what happened
 * (decision and reason, author action, …), the subject (post or account, raw id on hover) and tenant.
 * An empty result says so instead of showing bare headers.
 */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>No audit entries match these filters.</p>;
  return (
    <div className="scroll-x">
      <table className="tasks audit" aria-labelledby="audit-title">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">What happened</th>
            <th scope="col">Subject</th>
            <th scope="col">Tenant</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at} title={e.at}>
                  {formatDateTime(e.at)}
                </time>
              </td>
              <td>
                <Actor entry={e} />
              </td>
              <td>{e.action}</td>
              <td>{e.summary ?? '—'}</td>
              <td className="small">
                <Subject entry={e} />
              </td>
              <td>{e.tenant_id ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
