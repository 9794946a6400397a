import { useCallback, useEffect, useState } from 'react';
import {
  api,
  ApiFailure,
  unwrap,
  type Catalogue,
  type Me,
  type QueueFilter,
  type QueueTask,
} from '../api/client';
import { announce } from '../announce';
import { BulkDecision } from '../components/BulkDecision';
import { QueueFilters } from '../components/QueueFilters';
import { NoSuchQueue } from '../components/NoSuchQueue';
import { NotAllowed } from '../components/NotAllowed';
import { ShortcutsToggle } from '../components/ShortcutsToggle';
import { focusedTaskId, groupLabel, moveRowFocus, TaskTable, taskName } from '../components/TaskTable';
import { takeFlash } from '../flash';
import { useHeadingFocus } from '../focus';
import { navigate } from '../router';
import { isTyping, queueCommand } from '../shortcuts';

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

/**
 * Selects every task on the page of the focused task's group (`S`) and says what it did: how many, on
 * what basis, and how many of the group are further down the queue than this page.
 */
function selectGroup(
  tasks: readonly QueueTask[],
  select: (taskIds: readonly string[], on: boolean) => void,
): void {
  const focused = tasks.find((t) => t.task_id === focusedTaskId());
  if (!focused) return announce('Move to a task first: J and K go from row to row.');
  const group = focused.group;
  if (!group) return announce(`${taskName(focused)} has no identical task waiting in this queue.`);
  const members = tasks.filter((t) => t.group?.group_id === group.group_id).map((t) => t.task_id);
  select(members, true);
  const rest = group.size - members.length;
  announce(
    `Selected ${members.length} tasks, ${groupLabel(group)}` +
      (rest > 0 ? `; ${rest} more are further down the queue.` : '.') +
      ' D decides them.',
  );
}

/**
 * One queue: filters (saved per moderator), the ordered task list, "Start reviewing" (claims the next
 * task), and for moderators a selection of tasks to decide in one go (BulkDecision).
 */
export function QueuePage({ queueId, me, catalogue }: { queueId: string; me: Me; catalogue: Catalogue }) {
  const [filter, setFilter] = useState<QueueFilter>({});
  const [tasks, setTasks] = useState<QueueTask[] | null>(null);
  const [message, setMessage] = useState<string | null>(takeFlash);
  const [title, setTitle] = useState(queueId);
  const [error, setError] = useState<string | null>(null);
  const canDecide = me.role !== 'viewer';
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);
  const [help, setHelp] = useState(false);
  /** The API refused the queue (membership taken away since the login). */
  const [forbidden, setForbidden] = useState(false);
  /** The API knows no such queue (an admin's typo or old link; moderators get this from App). */
  const [missing, setMissing] = useState(false);
  const heading = useHeadingFocus();
  // What the previous page left (the last decision's outcome, "The queue is empty.") is announced too.
  useEffect(() => {
    if (message) announce(message);
  }, []);

  const load = useCallback(async () => {
    try {
      const result = unwrap(
        await api.GET('/review/queues/{queue}/tasks', {
          params: { path: { queue: queueId }, query: { limit: 100, ...filterQuery(filter) } },
        }),
      );
      setTasks(result.tasks);
      // Tasks that left the list (decided, filtered out) leave the selection too.
      setSelected((current) => {
        const kept = result.tasks.filter((t) => current.has(t.task_id)).map((t) => t.task_id);
        return kept.length === current.size ? current : new Set(kept);
      });
      setError(null);
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'AUTH_QUEUE_FORBIDDEN') setForbidden(true);
      if (e instanceof ApiFailure && e.code === 'QUEUE_NOT_FOUND') setMissing(true);
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

  const select = useCallback((taskIds: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of taskIds) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const command = queueCommand(event.key, {
        ctrl: event.ctrlKey,
        meta: event.metaKey,
        alt: event.altKey,
      });
      if (
        !command ||
        forbidden ||
        missing ||
        (!canDecide && ['start', 'select', 'group', 'decide'].includes(command))
      )
        return;
      event.preventDefault();
      if (command === 'start') void start();
      if (command === 'down' || command === 'up') moveRowFocus(command === 'down' ? 1 : -1);
      if (command === 'help') setHelp((h) => !h);
      if (command === 'select') {
        const taskId = focusedTaskId();
        if (taskId) select([taskId], !selected.has(taskId));
        else announce('Move to a task first: J and K go from row to row.');
      }
      if (command === 'group') selectGroup(tasks ?? [], select);
      if (command === 'decide') {
        if (selected.size > 0) setBulkOpen(true);
        else announce('Select tasks first: X selects the task in focus.');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start, canDecide, select, selected, tasks, forbidden, missing]);

  if (missing) return <NoSuchQueue queueId={queueId} />;
  if (forbidden) {
    return (
      <NotAllowed>
        You are not a member of the queue <strong>{queueId}</strong>. Ask an admin to add you.
      </NotAllowed>
    );
  }
  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title" ref={heading} tabIndex={-1}>
          {title}{' '}
          {live && (
            <span className="badge" title="Waiting now (live)">
              {live.open} waiting
            </span>
          )}
        </h1>
        <span>
          <ShortcutsToggle expanded={help} onToggle={() => setHelp((h) => !h)} />
          {canDecide && (
            <button type="button" className="primary" onClick={() => void start()} aria-keyshortcuts="n">
              Start reviewing <kbd>N</kbd>
            </button>
          )}
        </span>
      </div>
      {help && (
        <section className="help" aria-label="Keyboard shortcuts">
          <ul>
            <li>
              <kbd>N</kbd> start reviewing (claims the next task) · <kbd>J</kbd>/<kbd>K</kbd> next/previous
              task · <kbd>Enter</kbd> open it
            </li>
            <li>
              <kbd>X</kbd> select or unselect the task in focus · <kbd>S</kbd> select its group (same media or
              caption) · <kbd>D</kbd> decide the selected tasks · <kbd>U</kbd> undo the last decision (while
              offered)
            </li>
          </ul>
        </section>
      )}
      <QueueFilters queueId={queueId} catalogue={catalogue} filter={filter} onChange={setFilter} />
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
      {canDecide && tasks && (
        <BulkDecision
          queueId={queueId}
          catalogue={catalogue}
          tasks={tasks}
          selected={selected}
          open={bulkOpen}
          onOpen={setBulkOpen}
          onClear={() => setSelected(new Set())}
          onDone={(decided) => {
            select(decided, false);
            void load();
          }}
        />
      )}
      {!tasks ? (
        <p className="loading">Loading tasks…</p>
      ) : tasks.length === 0 ? (
        <p>No tasks match.</p>
      ) : (
        <TaskTable queueId={queueId} tasks={tasks} {...(canDecide ? { selected, onSelect: select } : {})} />
      )}
    </section>
  );
}
