import { useCallback, useEffect, useState } from 'react';
import { announce } from './announce';
import { api, unwrap } from './api/client';
import { setFlash } from './flash';
import { navigate, useRoute } from './router';
import { isTyping } from './shortcuts';

/** The last decision, while it can still be undone. */
interface Undoable {
  readonly decisionId: string;
  readonly queueId: string;
  readonly taskId: string;
  /** "Remove: Hate speech on acme/p-1". */
  readonly what: string;
  /**
   * For an escalation, its reason and post ("Needs a senior reviewer on acme/p-1"): nothing is published
   * when the window closes, the task waits in the senior queue.
   */
  readonly escalation?: string;
  /** Epoch ms when the undo window closes. */
  readonly until: number;
}

let pending: Undoable | null = null;
const listeners = new Set<() => void>();

/** Offers to undo a decision until its window closes (the server holds its verdict until then). */
export function offerUndo(undoable: Undoable): void {
  pending = undoable;
  for (const listener of listeners) listener();
}

/**
 * The undo bar: the last decision with an Undo button and the seconds left, on every page until the
 * window closes. `U` undoes too. Undoing withdraws the held verdict and reopens that item, claimed by
 * you; the item you had moved on to goes back to its queue.
 */
export function UndoBar() {
  const route = useRoute();
  const [current, setCurrent] = useState<Undoable | null>(pending);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const listener = () => {
      setCurrent(pending);
      setError(null);
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  const open = current !== null && current.until > now;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [open]);

  const undo = useCallback(async () => {
    if (!current || current.until <= Date.now()) return;
    const target = current;
    pending = null;
    setCurrent(null);
    const result = await api.POST('/review/decisions/{decision}/undo', {
      params: { path: { decision: target.decisionId } },
    });
    try {
      unwrap(result);
    } catch (e) {
      setError((e as Error).message);
      announce(`Undo failed: ${(e as Error).message}`);
      return;
    }
    if (route.name === 'item' && route.task !== target.taskId) {
      await api.POST('/review/queues/{queue}/tasks/{task}/release', {
        params: { path: { queue: route.queue, task: route.task } },
      });
    }
    setFlash(`Undone: ${target.what}. Decide again.`);
    navigate({ name: 'item', queue: target.queueId, task: target.taskId });
  }, [current, route]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'u' || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey)
        return;
      event.preventDefault();
      void undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, undo]);

  if (error) {
    return (
      <p role="alert" className="error undo-bar">
        {error}
      </p>
    );
  }
  if (!open) return null;
  const left = Math.max(0, Math.ceil((current.until - now) / 1000));
  return (
    <div className="undo-bar" role="group" aria-label="Undo the last decision">
      <span>
        {current.escalation
          ? `Escalated to the senior queue: ${current.escalation} — nothing is published; undo for ${left} s`
          : `${current.what} — published in ${left} s`}
      </span>
      <button type="button" onClick={() => void undo()} aria-keyshortcuts="u">
        Undo <kbd>U</kbd>
      </button>
    </div>
  );
}
