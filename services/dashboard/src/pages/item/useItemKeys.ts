import { useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { Catalogue, Decision, TaskDetail } from '../../api/client';
import { interpretKey, isTyping } from '../../shortcuts';

/** Where the item view remembers that audio is muted (between items and visits). */
export const MUTE_KEY = 'vigil.review.muted';

/** What the item view's keyboard shortcuts read and act on. */
export interface ItemKeyActions {
  detail: TaskDetail | null;
  catalogue: Catalogue;
  chosen: Decision | null;
  setChosen: (decision: Decision | null) => void;
  setStatus: (status: string | null) => void;
  decide: (decision: Decision, reasonCode: string) => Promise<void>;
  next: (releaseCurrent: boolean) => Promise<void>;
  revealAll: () => void;
  setMuted: Dispatch<SetStateAction<boolean>>;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  setHelp: Dispatch<SetStateAction<boolean>>;
  setAuthorSignal: Dispatch<SetStateAction<number>>;
  backToQueue: () => Promise<void>;
}

/**
 * The item view's two-keystroke decision shortcuts and single-key commands (next, reveal, mute, note,
 * help, author, queue). Re-registered on every render, so the handler always sees the current state.
 */
export function useItemKeys({
  detail,
  catalogue,
  chosen,
  setChosen,
  setStatus,
  decide,
  next,
  revealAll,
  setMuted,
  noteRef,
  setHelp,
  setAuthorSignal,
  backToQueue,
}: ItemKeyActions): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && isTyping(event.target)) {
        (event.target as HTMLElement).blur();
        return;
      }
      if (isTyping(event.target) || !detail) return;
      const outcome = interpretKey(
        event.key,
        { ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey },
        chosen,
        catalogue,
      );
      if (outcome.type === 'none') return;
      event.preventDefault();
      const mine = detail.task.claimed_by_me;
      switch (outcome.type) {
        case 'choose':
          if (mine) setChosen(outcome.decision);
          else setStatus('Claim the task to decide.');
          break;
        case 'decide':
          void decide(outcome.decision, outcome.reasonCode);
          break;
        case 'cancel':
          setChosen(null);
          break;
        case 'command':
          if (outcome.command === 'next') void next(mine);
          if (outcome.command === 'reveal') revealAll();
          if (outcome.command === 'mute') {
            setMuted((m) => {
              localStorage.setItem(MUTE_KEY, m ? '0' : '1');
              return !m;
            });
          }
          if (outcome.command === 'note') noteRef.current?.focus();
          if (outcome.command === 'help') setHelp((h) => !h);
          if (outcome.command === 'author') setAuthorSignal((n) => n + 1);
          if (outcome.command === 'queue') void backToQueue();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
