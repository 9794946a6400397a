import type { ReactNode } from 'react';
import { useHeadingFocus } from '../focus';

/** "Not allowed": a page the moderator's role or queue membership does not open, and what to do. */
export function NotAllowed({ children }: { children: ReactNode }) {
  const heading = useHeadingFocus();
  return (
    <section className="not-allowed" aria-labelledby="not-allowed">
      <h1 id="not-allowed" ref={heading} tabIndex={-1}>
        Not allowed
      </h1>
      <p>{children}</p>
    </section>
  );
}
