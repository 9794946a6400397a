import { useEffect, useState } from 'react';
import type { Me, Moderator, QueueSummary } from '../api/client';

export const ROLES = ['viewer', 'moderator', 'admin'] as const;

export type ModeratorChange = { role?: Moderator['role']; queues?: string[]; disabled?: boolean };

/** A change waiting for the admin's confirmation: a new role, or disabling their own account. */
type Pending = { kind: 'role'; role: Moderator['role'] } | { kind: 'disable' };

/** What the confirmation says; on the admin's own row it says what they lose (the API does not refuse it). */
function question(m: Moderator, pending: Pending, self: boolean): string {
  if (pending.kind === 'disable') {
    return 'You are about to disable yourself: your sessions end at once, and you cannot log in again until another admin enables your account.';
  }
  if (self && m.role === 'admin' && pending.role !== 'admin') {
    return `You are about to remove your own admin rights (admin to ${pending.role}): you lose the Admin and Team pages at once, and only another admin can give them back.`;
  }
  return `Change ${m.username} from ${m.role} to ${pending.role}?`;
}

/**
 * One account of the Admin page: role (each change confirmed; Esc cancels), queue memberships, and
 * disable / enable. Disabling your own account asks first, as does demoting yourself, in stronger words.
 */
export function ModeratorRow({
  m,
  me,
  queues,
  onUpdate,
}: {
  m: Moderator;
  me: Me;
  queues: readonly QueueSummary[];
  onUpdate: (m: Moderator, change: ModeratorChange) => void;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const self = m.moderator_id === me.moderator_id;

  // Esc cancels the confirmation, wherever the focus is (the role list keeps it after a choice).
  useEffect(() => {
    if (!pending) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setPending(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending]);

  const confirm = pending && (
    <div
      className={`confirm-row${self ? ' warning-strong' : ''}`}
      role="group"
      aria-label={
        pending.kind === 'role'
          ? `Confirm the role change of ${m.username}`
          : `Confirm disabling ${m.username}`
      }
    >
      <span className="small">{question(m, pending, self)}</span>
      <button
        type="button"
        className="primary"
        onClick={() => {
          setPending(null);
          onUpdate(m, pending.kind === 'role' ? { role: pending.role } : { disabled: true });
        }}
      >
        {pending.kind === 'role' ? 'Change role' : 'Disable my account'}
      </button>
      <button type="button" onClick={() => setPending(null)} aria-keyshortcuts="Escape">
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  );

  return (
    <tr>
      <td>
        {m.display_name} <span className="muted small">{m.username}</span>
        {self && <span className="pill">you</span>}
      </td>
      <td>
        <select
          aria-label={`Role of ${m.username}`}
          value={pending?.kind === 'role' ? pending.role : m.role}
          onChange={(e) => setPending({ kind: 'role', role: e.target.value as Moderator['role'] })}
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        {pending?.kind === 'role' && confirm}
      </td>
      <td>
        {queues.map((q) => (
          <label key={q.queue_id} className="inline">
            <input
              type="checkbox"
              checked={m.queues.includes(q.queue_id)}
              onChange={(e) =>
                onUpdate(m, {
                  queues: e.target.checked
                    ? [...m.queues, q.queue_id]
                    : m.queues.filter((x) => x !== q.queue_id),
                })
              }
            />{' '}
            {q.queue_id}
          </label>
        ))}
      </td>
      <td>
        <button
          type="button"
          onClick={() =>
            self && !m.disabled ? setPending({ kind: 'disable' }) : onUpdate(m, { disabled: !m.disabled })
          }
        >
          {m.disabled ? 'Enable' : 'Disable'}
        </button>
        {pending?.kind === 'disable' && confirm}
      </td>
    </tr>
  );
}
