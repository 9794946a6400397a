import { useEffect, useRef, type KeyboardEvent } from 'react';
import { announce } from '../announce';

/**
 * Confirmation of a high-severity decision (the item's `confirm` list: any final decision on an urgent
 * task, a removal as illegal content). A dialog in the decision panel takes the focus: Enter confirms,
 * Esc cancels; keys pressed in it do not reach the item view's shortcuts. The live region says what waits.
 */
export function ConfirmDecision({
  what,
  urgent,
  onConfirm,
  onCancel,
}: {
  /** The decision and reason in words, e.g. "Remove: Self-harm promotion". */
  what: string;
  /** The task is in the urgent triage tier (otherwise the reason itself is high severity). */
  urgent: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const why = urgent
    ? 'This task is urgent (child safety, a life at risk or a credible threat): the platform acts on this decision.'
    : 'This reason says the content is illegal: the platform may report it.';

  useEffect(() => {
    confirmRef.current?.focus();
    announce(`Confirm ${what}? ${why} Enter confirms, Escape cancels.`);
  }, [what, why]);

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation(); // no decision or navigation shortcut while the dialog has the focus
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !(event.target as HTMLElement).dataset.cancel) {
      event.preventDefault();
      onConfirm();
    }
  };

  return (
    <div
      className="confirm-decision"
      role="alertdialog"
      aria-labelledby="confirm-decision-title"
      aria-describedby="confirm-decision-why"
      onKeyDown={onKeyDown}
    >
      <h3 id="confirm-decision-title">Confirm: {what}</h3>
      <p id="confirm-decision-why">{why}</p>
      <div className="confirm-actions">
        <button ref={confirmRef} type="button" className="primary danger" onClick={onConfirm}>
          Confirm <kbd>Enter</kbd>
        </button>
        <button type="button" data-cancel="1" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
