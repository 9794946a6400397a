import { useEffect, useState } from 'react';

const listeners = new Set<(message: string) => void>();

/**
 * Says `message` through the page's one polite live region (screen readers read it once). The region
 * stays mounted across pages, so a message set while the next page loads is still announced.
 */
export function announce(message: string): void {
  for (const listener of listeners) listener(message);
}

/** The live region `announce` writes to; rendered once by the app shell. */
export function LiveAnnouncer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = (next: string) => {
      // Cleared first, so the same words twice in a row are read twice.
      setMessage('');
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(next), 50);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" id="announcer">
      {message}
    </div>
  );
}
