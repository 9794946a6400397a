import type { Catalogue, Decision } from './api/client';

/** First keystroke of a decision. The second is the reason's number (1–9). */
export const DECISION_KEYS: Readonly<Record<string, Decision>> = {
  a: 'approve',
  r: 'remove',
  g: 'age_restrict',
  e: 'escalate',
};

export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  approve: 'Approve',
  remove: 'Remove',
  age_restrict: 'Age-restrict',
  escalate: 'Escalate',
};

/** Single-key commands of the item view (`U`, undo the last decision, belongs to the undo bar). */
export const COMMAND_KEYS = {
  n: 'next',
  v: 'reveal',
  m: 'mute',
  t: 'note',
  o: 'author',
  q: 'queue',
  '?': 'help',
} as const;
export type Command = (typeof COMMAND_KEYS)[keyof typeof COMMAND_KEYS];

/**
 * Single-key commands of the queue page: `J`/`K` move between task rows, `X` selects or unselects the
 * row in focus, `S` selects every task of its group (the same media or caption), `D` decides the
 * selected tasks at once. None is a key of the item view with another meaning (so not `G`, which
 * age-restricts there), and `U` stays with the undo bar on every page.
 */
export const QUEUE_KEYS = {
  n: 'start',
  j: 'down',
  k: 'up',
  x: 'select',
  s: 'group',
  d: 'decide',
  '?': 'help',
} as const;
export type QueueCommand = (typeof QUEUE_KEYS)[keyof typeof QUEUE_KEYS];

/** The queue page's command for a key; null for other keys and modifier combinations. */
export function queueCommand(
  key: string,
  modifiers: { ctrl: boolean; meta: boolean; alt: boolean },
): QueueCommand | null {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return null;
  return QUEUE_KEYS[key as keyof typeof QUEUE_KEYS] ?? null;
}

/** What a key press means in the item view, given the decision already chosen (if any). */
export type KeyOutcome =
  | { readonly type: 'choose'; readonly decision: Decision }
  | { readonly type: 'decide'; readonly decision: Decision; readonly reasonCode: string }
  | { readonly type: 'cancel' }
  | { readonly type: 'command'; readonly command: Command }
  | { readonly type: 'none' };

/**
 * Interprets one key of the item view: a decision key chooses (`r`), then a digit picks that decision's
 * reason and decides (`r` `1`: remove for hate speech) — two keystrokes. Escape cancels a chosen
 * decision; other single keys are commands. Modifier combinations are never shortcuts.
 */
export function interpretKey(
  key: string,
  modifiers: { ctrl: boolean; meta: boolean; alt: boolean },
  chosen: Decision | null,
  catalogue: Catalogue,
): KeyOutcome {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return { type: 'none' };
  if (key === 'Escape') return chosen ? { type: 'cancel' } : { type: 'none' };
  if (chosen && /^[1-9]$/.test(key)) {
    const reasons = catalogue.decisions.find((d) => d.decision === chosen)?.reasons ?? [];
    const reason = reasons[Number(key) - 1];
    return reason ? { type: 'decide', decision: chosen, reasonCode: reason.code } : { type: 'none' };
  }
  const decision = DECISION_KEYS[key.toLowerCase()];
  if (decision && key.length === 1) return { type: 'choose', decision };
  const command = COMMAND_KEYS[key as keyof typeof COMMAND_KEYS];
  return command ? { type: 'command', command } : { type: 'none' };
}

/** Inputs that take no text: letter keys pressed on them are shortcuts. */
const KEYLESS_INPUTS = ['checkbox', 'radio', 'button', 'submit', 'reset'];

/** True when a key event comes from a place where keys type text (shortcuts stay off there). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.tagName === 'INPUT' && KEYLESS_INPUTS.includes((el as HTMLInputElement).type)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
