import type { RefObject } from 'react';
import type { TaskDetail } from '../../api/client';
import { ShortcutsToggle } from '../../components/ShortcutsToggle';
import { holderLabel, PlatformPriority } from '../../components/TaskTable';
import { formatHeldSince, formatSla } from '../../format';

/**
 * The item view's header: back to the queue, the post's identity, source, escalation, triage, SLA,
 * platform priority, who holds the claim, "Next" and the shortcuts toggle.
 */
export function ItemHeader({
  queueId,
  detail,
  headingRef,
  help,
  onBack,
  onNext,
  onToggleHelp,
}: {
  queueId: string;
  detail: TaskDetail;
  headingRef: RefObject<HTMLHeadingElement | null>;
  help: boolean;
  onBack: () => void;
  onNext: () => void;
  onToggleHelp: () => void;
}) {
  const { task, post } = detail;
  const mine = task.claimed_by_me;
  return (
    <div className="item-head">
      <button type="button" className="link" onClick={onBack} aria-keyshortcuts="q">
        ← {queueId}
      </button>
      <h1 ref={headingRef} tabIndex={-1}>
        {post.tenant_id}/{post.post_id} <span className="muted">rev {post.revision}</span>
      </h1>
      <span className={`pill source-${task.source}`}>
        {task.source === 'model' ? 'model flag' : task.source}
      </span>
      {task.escalation_level > 0 && (
        <span className="pill escalated">escalated ×{task.escalation_level}</span>
      )}
      <span className={`triage triage-${task.triage.tier}`}>{task.triage.label}</span>
      <span className={task.overdue ? 'overdue-text' : 'muted'}>{formatSla(task.due_at)}</span>
      <PlatformPriority task={task} />
      <span className="claim">
        {task.status === 'resolved'
          ? 'decided'
          : mine
            ? `claimed by you${task.claimed_at ? ` ${formatHeldSince(task.claimed_at)}` : ''}`
            : task.status === 'claimed'
              ? holderLabel(task)
              : 'not claimed'}
      </span>
      <button type="button" onClick={onNext} aria-keyshortcuts="n">
        Next <kbd>N</kbd>
      </button>
      <ShortcutsToggle expanded={help} onToggle={onToggleHelp} />
    </div>
  );
}

/** The item view's list of keyboard shortcuts (shown with `?`). */
export function ItemShortcutsHelp() {
  return (
    <section className="help" aria-label="Keyboard shortcuts">
      <ul>
        <li>
          <kbd>A</kbd> approve, <kbd>R</kbd> remove, <kbd>G</kbd> age-restrict, <kbd>E</kbd> escalate — then{' '}
          <kbd>1</kbd>–<kbd>9</kbd> picks the reason and decides
        </li>
        <li>
          <kbd>Esc</kbd> cancel · <kbd>N</kbd> next item · <kbd>V</kbd> show/hide media · <kbd>M</kbd> mute
          audio · <kbd>T</kbd> write a note · <kbd>O</kbd> the author (history, warn, mute, suspend) ·{' '}
          <kbd>U</kbd> undo the last decision (while offered) · <kbd>Q</kbd> back to the queue (gives the item
          back)
        </li>
      </ul>
    </section>
  );
}
