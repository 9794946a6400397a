import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  api,
  unwrap,
  type Catalogue,
  type Me,
  type QueueFilter,
  type SavedFilter,
  type TaskSummary,
} from '../api/client';
import { takeFlash } from '../flash';
import { formatDuration, formatSla, SEVERITY_LABELS } from '../format';
import { Link, navigate } from '../router';
import { isTyping } from '../shortcuts';

const SOURCE_LABELS = { model: 'Model flag', appeal: 'Appeal', report: 'User report' } as const;

/** The query string of a filter for GET …/tasks (comma-separated lists). */
function filterQuery(filter: QueueFilter) {
  return {
    ...(filter.categories?.length ? { categories: filter.categories.join(',') } : {}),
    ...(filter.languages?.length ? { languages: filter.languages.join(',') } : {}),
    ...(filter.tenants?.length ? { tenants: filter.tenants.join(',') } : {}),
    ...(filter.sources?.length ? { sources: filter.sources.join(',') } : {}),
    ...(filter.min_severity !== undefined ? { min_severity: filter.min_severity } : {}),
  };
}

function listOf(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** One queue: filters (saved per moderator), the ordered task list, and "Start reviewing" (claims the next task). */
export function QueuePage({ queueId, me, catalogue }: { queueId: string; me: Me; catalogue: Catalogue }) {
  const [filter, setFilter] = useState<QueueFilter>({});
  const [tasks, setTasks] = useState<TaskSummary[] | null>(null);
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [message, setMessage] = useState<string | null>(takeFlash);
  const [title, setTitle] = useState(queueId);
  const [error, setError] = useState<string | null>(null);
  const canDecide = me.role !== 'viewer';

  const load = useCallback(async () => {
    try {
      const result = unwrap(
        await api.GET('/review/queues/{queue}/tasks', {
          params: { path: { queue: queueId }, query: { limit: 100, ...filterQuery(filter) } },
        }),
      );
      setTasks(result.tasks);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [queueId, filter]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  // Live queue: the server says when the queue's counts change; the list reloads at once.
  const [live, setLive] = useState<{ open: number; newest_created_at: string | null } | null>(null);
  useEffect(() => {
    const events = new EventSource(`/review/queues/${encodeURIComponent(queueId)}/events`);
    events.addEventListener('queue', (event) => {
      setLive(
        JSON.parse((event as MessageEvent<string>).data) as {
          open: number;
          newest_created_at: string | null;
        },
      );
      void load();
    });
    return () => events.close();
  }, [queueId, load]);

  useEffect(() => {
    void api.GET('/review/queues').then((r) => {
      const queue = unwrap(r).queues.find((q) => q.queue_id === queueId);
      if (queue) setTitle(queue.name);
    });
    void api
      .GET('/review/saved-filters')
      .then((r) => setSaved(unwrap(r).filters.filter((f) => f.queue_id === queueId)));
  }, [queueId]);

  const start = useCallback(async () => {
    setMessage(null);
    try {
      const { task } = unwrap(
        await api.POST('/review/queues/{queue}/claim', {
          params: { path: { queue: queueId } },
          body: { filter },
        }),
      );
      if (task) navigate({ name: 'item', queue: queueId, task: task.task_id });
      else setMessage('Nothing to review here right now.');
    } catch (e) {
      setError((e as Error).message);
    }
  }, [queueId, filter]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'n' && canDecide) {
        event.preventDefault();
        void start();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start, canDecide]);

  const saveFilter = async () => {
    const name = window.prompt('Name of this filter');
    if (!name) return;
    const created = unwrap(
      await api.POST('/review/saved-filters', { body: { queue_id: queueId, name, filter } }),
    );
    setSaved((list) => [...list.filter((f) => f.name !== created.name), created]);
  };

  const categories = useMemo(() => catalogue.categories.map((c) => c.id), [catalogue]);

  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">
          {title}{' '}
          {live && (
            <span className="badge" title="Waiting now (live)">
              {live.open} waiting
            </span>
          )}
        </h1>
        {canDecide && (
          <button type="button" className="primary" onClick={() => void start()} aria-keyshortcuts="n">
            Start reviewing <kbd>N</kbd>
          </button>
        )}
      </div>
      <form className="filters" aria-label="Filter tasks" onSubmit={(e) => e.preventDefault()}>
        <label>
          Category
          <select
            value={filter.categories?.[0] ?? ''}
            onChange={(e) =>
              setFilter({
                ...filter,
                categories: e.target.value ? [e.target.value as (typeof categories)[number]] : undefined,
              })
            }
          >
            <option value="">any</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Min. severity
          <select
            value={filter.min_severity ?? ''}
            onChange={(e) =>
              setFilter({
                ...filter,
                min_severity: e.target.value === '' ? undefined : Number(e.target.value),
              })
            }
          >
            <option value="">any</option>
            {SEVERITY_LABELS.slice(1).map((label, i) => (
              <option key={label} value={i + 1}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select
            value={filter.sources?.[0] ?? ''}
            onChange={(e) =>
              setFilter({
                ...filter,
                sources: e.target.value ? [e.target.value as keyof typeof SOURCE_LABELS] : undefined,
              })
            }
          >
            <option value="">any</option>
            {catalogue.sources.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Languages
          <input
            placeholder="de, fr"
            size={8}
            defaultValue={filter.languages?.join(', ')}
            onBlur={(e) => setFilter({ ...filter, languages: listOf(e.target.value) })}
          />
        </label>
        <label>
          Tenants
          <input
            placeholder="acme"
            size={10}
            defaultValue={filter.tenants?.join(', ')}
            onBlur={(e) => setFilter({ ...filter, tenants: listOf(e.target.value) })}
          />
        </label>
        <label>
          Saved
          <select
            value=""
            onChange={(e) => {
              const picked = saved.find((f) => f.filter_id === e.target.value);
              if (picked) setFilter(picked.filter);
            }}
          >
            <option value="">{saved.length ? 'apply…' : 'none'}</option>
            {saved.map((f) => (
              <option key={f.filter_id} value={f.filter_id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void saveFilter()}>
          Save filter
        </button>
        <button type="button" className="link" onClick={() => setFilter({})}>
          Clear
        </button>
      </form>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!tasks ? (
        <p className="loading">Loading tasks…</p>
      ) : tasks.length === 0 ? (
        <p>No tasks match.</p>
      ) : (
        <table className="tasks">
          <caption className="sr-only">
            Tasks, overdue first, then by triage (most urgent first), then soonest due
          </caption>
          <thead>
            <tr>
              <th scope="col">Triage</th>
              <th scope="col">Post</th>
              <th scope="col">Source</th>
              <th scope="col">Categories</th>
              <th scope="col">Severity</th>
              <th scope="col">Lang</th>
              <th scope="col">Waiting</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr key={t.task_id} className={t.overdue ? 'is-overdue' : ''}>
                <td className="triage-cell">
                  <span className={`triage triage-${t.triage.tier}`}>{t.triage.label}</span>
                  <span className="muted small block">{formatDuration(t.triage.sla_seconds * 1000)} SLA</span>
                </td>
                <td className="caption-cell">
                  <Link to={{ name: 'item', queue: queueId, task: t.task_id }}>
                    {t.caption || '(no caption)'}
                  </Link>
                  <span className="muted small">
                    {' '}
                    {t.tenant_id}/{t.post_id} · {t.media_kinds.join(', ') || 'text'}
                  </span>
                </td>
                <td>{SOURCE_LABELS[t.source]}</td>
                <td>{t.categories.join(', ') || '—'}</td>
                <td>
                  <span className={`sev sev-${t.severity}`}>{SEVERITY_LABELS[t.severity] ?? t.severity}</span>
                </td>
                <td>{t.lang ?? '—'}</td>
                <td>
                  {formatDuration(Date.now() - Date.parse(t.created_at))}
                  <span className={`small ${t.overdue ? 'overdue-text' : 'muted'}`}>
                    {' '}
                    · {formatSla(t.due_at)}
                  </span>
                </td>
                <td>
                  {t.status === 'claimed' ? `with ${t.claimed_by_me ? 'you' : t.claimed_by}` : 'waiting'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
