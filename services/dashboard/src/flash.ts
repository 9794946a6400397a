let pending: string | null = null;

/** Leaves a message for the next page to announce (e.g. "Remove: Hate speech. Saved." after a decision). */
export function setFlash(message: string): void {
  pending = pending ? `${pending} ${message}` : message;
}

/** The message left by the previous page, once. */
export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
