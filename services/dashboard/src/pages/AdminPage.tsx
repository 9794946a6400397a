import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap, type Me, type Moderator, type QueueSummary } from '../api/client';
import { ModeratorRow, ROLES, type ModeratorChange } from '../components/ModeratorRow';
import { useHeadingFocus } from '../focus';

/** Accounts (create, role, queues, disable) for admins. Queues themselves are managed over the API. */
export function AdminPage({ me }: { me: Me }) {
  const [moderators, setModerators] = useState<Moderator[]>([]);
  const [queues, setQueues] = useState<QueueSummary[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const heading = useHeadingFocus();

  const load = async () => {
    setModerators(unwrap(await api.GET('/review/admin/moderators')).moderators);
    setQueues(unwrap(await api.GET('/review/queues')).queues);
  };
  useEffect(() => {
    void load();
  }, []);

  const update = async (m: Moderator, change: ModeratorChange) => {
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
      <h1 id="admin-title" ref={heading} tabIndex={-1}>
        Moderators
      </h1>
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
            <ModeratorRow
              key={m.moderator_id}
              m={m}
              me={me}
              queues={queues}
              onUpdate={(x, c) => void update(x, c)}
            />
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
          <input
            name="password"
            type="password"
            minLength={12}
            required
            autoComplete="new-password"
            aria-describedby="password-help"
          />
        </label>
        <p id="password-help" className="small muted help-text">
          At least 12 characters.
        </p>
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
