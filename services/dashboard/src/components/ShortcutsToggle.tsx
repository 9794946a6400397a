/** The "Shortcuts ?" button of the queue and item views: shows or hides their list of keys (`?` too). */
export function ShortcutsToggle({ expanded, onToggle }: { expanded: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="link" onClick={onToggle} aria-expanded={expanded} aria-keyshortcuts="?">
      Shortcuts <kbd>?</kbd>
    </button>
  );
}
