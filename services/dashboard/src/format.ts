/** "3 h 12 min", "45 s", "2 d 4 h": a duration for people. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "due in 3 h 12 min" or "overdue by 20 min". */
export function formatSla(dueAt: string, now = Date.now()): string {
  const left = new Date(dueAt).getTime() - now;
  return left >= 0 ? `due in ${formatDuration(left)}` : `overdue by ${formatDuration(-left)}`;
}

/** "14:05": the local time of day, 24 h, the dashboard's one time format. */
export function formatTime(iso: string): string {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** "12/8/2026 14:05": the locale's date and the 24 h time (history entries). */
export function formatDateTime(iso: string): string {
  return `${new Date(iso).toLocaleDateString()} ${formatTime(iso)}`;
}

/** "since 14:05 (12 min)": when a claim was taken (local time) and how long it has been held. */
export function formatHeldSince(claimedAt: string, now = Date.now()): string {
  const at = new Date(claimedAt);
  const clock = formatTime(claimedAt);
  const held = Math.max(0, now - at.getTime());
  const minutes = Math.floor(held / 60_000);
  return `since ${clock} (${minutes < 60 ? `${minutes} min` : formatDuration(held)})`;
}

/** "1:05" from milliseconds. */
export function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const SEVERITY_LABELS = ['none', 'low', 'medium', 'high'] as const;
