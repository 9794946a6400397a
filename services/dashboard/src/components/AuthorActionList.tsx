import { useState } from 'react';
import { api, unwrap, type AuthorActionKind, type AuthorContext } from '../api/client';
import { announce } from '../announce';

export const KIND_LABELS: Record<AuthorActionKind, { verb: string; done: string }> = {
  warn: { verb: 'Warn', done: 'warned' },
  mute: { verb: 'Mute', done: 'muted' },
  suspend: { verb: 'Suspend', done: 'suspended' },
};

/** "1 hour", "7 days": a mute or suspension length. */
export function span(seconds: number): string {
  const [n, unit] =
    seconds % 86_400 === 0 ? [seconds / 86_400, 'day'] : [Math.round(seconds / 3_600), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : '—');

type AuthorActionItem = AuthorContext['actions'][number];

/** A mute or suspension that was neither lifted nor ran out: the only kind of action a moderator can lift. */
export function liftable(a: AuthorActionItem, now = Date.now()): boolean {
  return (
    a.kind !== 'warn' && a.lifted_at === null && (a.expires_at === null || Date.parse(a.expires_at) > now)
  );
}

/**
 * The author's earlier actions, newest first; for moderators, each mute or suspension still in force
 * has a Lift button (a plain button, so Tab reaches it) that lifts it and then calls `onLifted` so the
 * panel reloads the author context.
 */
export function AuthorActionList({
  actions,
  queueId,
  taskId,
  canAct,
  onLifted,
  onError,
}: {
  actions: AuthorContext['actions'];
  queueId: string;
  taskId: string;
  canAct: boolean;
  onLifted: (message: string) => Promise<void> | void;
  onError: (message: string) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);

  const lift = async (a: AuthorActionItem) => {
    if (busy) return;
    setBusy(a.action_id);
    try {
      const done = unwrap(
        await api.POST('/review/queues/{queue}/tasks/{task}/author/actions/{action}/lift', {
          params: { path: { queue: queueId, task: taskId, action: a.action_id } },
          body: {},
        }),
      );
      const message = `${KIND_LABELS[done.kind].verb} lifted.${
        done.deliveries > 0 ? ' The platform is notified.' : ' No webhook endpoint for this post.'
      }`;
      announce(message);
      await onLifted(message);
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (actions.length === 0) return <p className="small muted">None.</p>;
  return (
    <ul className="reasons-list">
      {actions.map((a) => (
        <li key={a.action_id}>
          {KIND_LABELS[a.kind].done}
          {a.duration_seconds !== null && ` for ${span(a.duration_seconds)}`} — {a.reason_code} ·{' '}
          <time dateTime={a.created_at}>{when(a.created_at)}</time>{' '}
          <span className="muted">— {a.moderator.display_name ?? a.moderator.moderator_id}</span>
          {a.lifted_at && (
            <span className="muted">
              {' '}
              · lifted <time dateTime={a.lifted_at}>{when(a.lifted_at)}</time>
              {a.lifted_by && ` by ${a.lifted_by.display_name ?? a.lifted_by.moderator_id}`}
            </span>
          )}
          {canAct && liftable(a) && (
            <>
              {' '}
              <button
                type="button"
                className="link"
                disabled={busy !== null}
                aria-label={`Lift ${a.kind} of ${when(a.created_at)}`}
                onClick={() => void lift(a)}
              >
                Lift
              </button>
            </>
          )}
          {a.note && <span className="block muted small">{a.note}</span>}
        </li>
      ))}
    </ul>
  );
}
