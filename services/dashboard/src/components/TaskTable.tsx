import { useEffect, useRef } from 'react';
import type { QueueTask, TaskSummary } from '../api/client';
import { formatDuration, formatHeldSince, formatSla, SEVERITY_LABELS } from '../format';
import { Link } from '../router';

export const SOURCE_LABELS = { model: 'Model flag', appeal: 'Appeal', report: 'User report' } as const;

/** "tenant/post", how a task is named to moderators. */
export const taskName = (t: Pick<TaskSummary, 'tenant_id' | 'post_id'>) => `${t.tenant_id}/${t.post_id}`;

/** "with Mia Moderator since 14:05 (12 min)" (or "with you …") for a claimed task, else "waiting". */
export function holderLabel(
  t: Pick<TaskSummary, 'status' | 'claimed_by' | 'claimed_by_me' | 'claimed_at'>,
): string {
  if (t.status !== 'claimed') return 'waiting';
  const who = `with ${t.claimed_by_me ? 'you' : t.claimed_by}`;
  return t.claimed_at ? `${who} ${formatHeldSince(t.claimed_at)}` : who;
}

/** The "high priority report" pill when the platform sent a report or appeal as high priority. */
export function PlatformPriority({ task }: { task: Pick<TaskSummary, 'platform_priority' | 'source'> }) {
  if (task.platform_priority !== 'high') return null;
  return (
    <span className="pill platform-high" title="The platform sent this as high priority">
      high priority {task.source}
    </span>
  );
}

const GROUP_BASIS_LABELS: Record<NonNullable<QueueTask['group']>['basis'], string> = {
  media: 'same media',
  caption: 'same caption',
  near_media: 'similar images',
};

/**
 * "×12 same media" (or "same caption", "similar images": single images within PDQ distance 31): how many
 * waiting tasks of the queue are in this one's group (itself included).
 */
export const groupLabel = (group: NonNullable<QueueTask['group']>) =>
  `×${group.size} ${GROUP_BASIS_LABELS[group.basis]}`;

/** The task row that holds the keyboard focus, if any. */
export function focusedTaskId(): string | null {
  return document.activeElement?.closest<HTMLElement>('tr[data-task-id]')?.dataset.taskId ?? null;
}

/** Moves the focus to the next (`1`) or previous (`-1`) task row's link (Enter opens the task). */
export function moveRowFocus(step: 1 | -1): void {
  const rows = Array.from(document.querySelectorAll<HTMLElement>('table.tasks tr[data-task-id]'));
  if (rows.length === 0) return;
  const current = rows.findIndex((r) => r.contains(document.activeElement));
  const next =
    current < 0 ? (step === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + step));
  rows[next]!.querySelector<HTMLElement>('a')?.focus();
}

/**
 * The queue's tasks in queue order, each with the size of its group of identical tasks. With `selected`
 * (moderators), each row has a labelled checkbox and the header one selects or clears every task on the
 * page.
 */
export function TaskTable({
  queueId,
  tasks,
  selected,
  onSelect,
}: {
  queueId: string;
  tasks: readonly QueueTask[];
  selected?: ReadonlySet<string>;
  onSelect?: (taskIds: readonly string[], on: boolean) => void;
}) {
  const all = useRef<HTMLInputElement>(null);
  const count = selected ? tasks.filter((t) => selected.has(t.task_id)).length : 0;
  useEffect(() => {
    if (all.current) all.current.indeterminate = count > 0 && count < tasks.length;
  }, [count, tasks.length]);

  return (
    <table className="tasks">
      <caption className="sr-only">
        Tasks, overdue first, then by triage (most urgent first), then soonest due
      </caption>
      <thead>
        <tr>
          {selected && (
            <th scope="col" className="select-cell">
              <input
                ref={all}
                type="checkbox"
                aria-label="Select all on this page"
                checked={count > 0 && count === tasks.length}
                onChange={(e) =>
                  onSelect?.(
                    tasks.map((t) => t.task_id),
                    e.target.checked,
                  )
                }
              />
            </th>
          )}
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
          <tr key={t.task_id} data-task-id={t.task_id} className={t.overdue ? 'is-overdue' : ''}>
            {selected && (
              <td className="select-cell">
                <input
                  type="checkbox"
                  aria-label={`Select ${taskName(t)}`}
                  aria-keyshortcuts="x"
                  checked={selected.has(t.task_id)}
                  onChange={(e) => onSelect?.([t.task_id], e.target.checked)}
                />
              </td>
            )}
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
                {taskName(t)} · {t.media_kinds.join(', ') || 'text'}
              </span>
              {t.group && (
                <span
                  className="badge group-badge"
                  title="Identical waiting tasks of this queue (S selects them)"
                >
                  {groupLabel(t.group)}
                </span>
              )}
            </td>
            <td>
              {SOURCE_LABELS[t.source]} <PlatformPriority task={t} />
            </td>
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
            <td>{holderLabel(t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
