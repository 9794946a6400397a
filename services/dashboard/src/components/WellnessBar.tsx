import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { announce } from '../announce';
import { Link } from '../router';
import { useWellness } from './WellnessContext';

/** The header's exposure count: graphic items opened since login or the last break, of the break setting. */
export function WellnessCounter() {
  const { exposure } = useWellness();
  if (!exposure) return null;
  return (
    <Link className="exposure" to={{ name: 'settings' }}>
      <span className={exposure.break_due ? 'exposure-due' : undefined}>
        Graphic items {exposure.graphic_items}/{exposure.break_after}
      </span>
    </Link>
  );
}

/** Words of the prompt (also what the live region says). */
export function breakMessage(graphicItems: number): string {
  return `You have opened ${graphicItems} graphic items since your last break. Time for a short break?`;
}

/**
 * The break prompt: when the moderator has opened `break_after` graphic items since login or their last
 * break, a dialog (not modal, so the live region stays heard) takes the focus and the live region says
 * why. *Take a break* (Enter) starts the count again; *Not now* (Esc) waves it off for another
 * `break_after` items. Keys pressed in it do not reach the page's shortcuts. Focus goes back where it was.
 */
export function WellnessBreakPrompt() {
  const { exposure, promptOpen, takeBreak, dismiss } = useWellness();
  const primary = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = exposure?.graphic_items ?? 0;

  useEffect(() => {
    if (!promptOpen) return;
    returnTo.current = document.activeElement as HTMLElement | null;
    primary.current?.focus();
    announce(breakMessage(count));
    // Once per opening of the prompt, not on every count change while it is open.
  }, [promptOpen]);

  if (!promptOpen) return null;
  const close = () => {
    const back = returnTo.current;
    if (back && document.contains(back)) back.focus();
    else document.querySelector<HTMLElement>('main h1')?.focus();
  };
  const rest = async () => {
    try {
      await takeBreak();
      setError(null);
      announce('Break started: your graphic-item count starts again. Come back when you are ready.');
      close();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const notNow = () => {
    dismiss();
    announce('Break prompt dismissed.');
    close();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation(); // the item view's single-key shortcuts stay off while the prompt has the focus
    if (event.key === 'Escape') {
      event.preventDefault();
      notNow();
    }
  };
  return (
    <div
      className="break-prompt"
      role="dialog"
      aria-labelledby="break-title"
      aria-describedby="break-text"
      onKeyDown={onKeyDown}
    >
      <h2 id="break-title">Time for a break</h2>
      <p id="break-text">{breakMessage(count)}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="break-actions">
        <button ref={primary} type="button" className="primary" onClick={() => void rest()}>
          Take a break
        </button>
        <button type="button" onClick={notNow} aria-keyshortcuts="Escape">
          Not now <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
