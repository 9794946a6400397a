import { useEffect, useRef } from 'react';

/**
 * A ref for a page's main heading (an `h1` with `tabIndex={-1}`) that takes the keyboard focus once the
 * page is `ready` (shown, not loading), as the item view does: after a login, opening a page or `Q`,
 * keyboard and screen-reader users start on the new page instead of the old page's body.
 */
export function useHeadingFocus(ready = true) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!ready) return;
    // A dialog that already has the focus (the break prompt) keeps it.
    if (document.activeElement?.closest('[role="dialog"], [role="alertdialog"]')) return;
    ref.current?.focus();
  }, [ready]);
  return ref;
}
