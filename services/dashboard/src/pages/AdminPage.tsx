import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap, type Moderator, type QueueSummary } from '../api/client';

const ROLES = ['viewer', 'moderator', 'admin'] as const;

/** Accounts (create, role, queues, disable) for admins. Queues themselves are managed over the API. */
export function AdminPage() {
  const [moderators, setModerators] = useState<Moderator[]>([]);
  const [queues, setQueues] = useState<QueueSummary[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  /** A role change waiting for the admin to confirm it (roles grant or take away access). */
  const [pendingRole, setPendingRole] = useState<{ m: Moderator; role: Moderator['role'] } | null>(null);

  const load = async () => {
    setModerators(unwrap(await api.GET('/review/admin/moderators')).moderators);
    setQueues(unwrap(await api.GET('/review/queues')).queues);
  };
  useEffect(() => {
    void load();
  }, []);

  const update = async (
    m: Moderator,
    change: { role?: Moderator['role']; queues?: string[]; disabled?: boolean },
  ) => {
    try {
      unwrap(
        await api.PATCH('/review/admin/moderators/{moderator}', {
          params: { path: { moderator: m.moderator_id } },
          body: change,
        }),
      );
      setMessage(`Saved ${m.username}.`);
      await load();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    try {
      unwrap(
        await api.POST('/review/admin/moderators', {
          body: {
            username: String(data.get('username')),
            display_name: String(data.get('display_name')) || undefined,
            role: data.get('role') as Moderator['role'],
            password: String(data.get('password')),
            queues: data.getAll('queues').map(String),
          },
        }),
      );
      form.reset();
      setMessage('Account created.');
      await load();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Moderators</h1>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <table className="tasks">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Queues</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {moderators.map((m) => (
            <tr key={m.moderator_id}>
              <td>
                {m.display_name} <span className="muted small">{m.username}</span>
              </td>
              <td>
                <select
                  aria-label={`Role of ${m.username}`}
                  value={pendingRole?.m.moderator_id === m.moderator_id ? pendingRole.role : m.role}
                  onChange={(e) => setPendingRole({ m, role: e.target.value as Moderator['role'] })}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
                {pendingRole?.m.moderator_id === m.moderator_id && (
                  <div
                    className="confirm-row"
                    role="group"
                    aria-label={`Confirm the role change of ${m.username}`}
                  >
                    <span className="small">
                      Change {m.username} from {m.role} to {pendingRole.role}?
                    </span>
                    <button
                      type="button"
                      className="primary"
                      onClick={() => {
                        setPendingRole(null);
                        void update(m, { role: pendingRole.role });
                      }}
                    >
                      Change role
                    </button>
                    <button type="button" onClick={() => setPendingRole(null)}>
                      Cancel
                    </button>
                  </div>
                )}
              </td>
              <td>
                {queues.map((q) => (
                  <label key={q.queue_id} className="inline">
                    <input
                      type="checkbox"
                      checked={m.queues.includes(q.queue_id)}
                      onChange={(e) =>
                        void update(m, {
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
                <button type="button" onClick={() => void update(m, { disabled: !m.disabled })}>
                  {m.disabled ? 'Enable' : 'Disable'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="create" onSubmit={(e) => void create(e)} aria-labelledby="create-title">
        <h2 id="create-title">New account</h2>
        <label>
          Username <input name="username" required pattern="[A-Za-z0-9][A-Za-z0-9._@\-]{1,127}" />
        </label>
        <label>
          Display name <input name="display_name" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="moderator">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Initial password{' '}
          <input name="password" type="password" minLength={12} required autoComplete="new-password" />
        </label>
        <fieldset>
          <legend>Queues</legend>
          {queues.map((q) => (
            <label key={q.queue_id} className="inline">
              <input type="checkbox" name="queues" value={q.queue_id} /> {q.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          Create
        </button>
      </form>
    </section>
  );
}
