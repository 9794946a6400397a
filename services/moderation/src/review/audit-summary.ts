/**
 * A one-line, human summary of an audit entry for the Team page and the CSV export, from the entry's
 * action and its before/after JSON: `remove (hate)` for a decision, `escalate (credible_threat) → level 1`,
 * `mute 1d (spam_or_scam)` for an author action, `lift mute (appeal_granted)`, `undo remove`. Null when
 * the action has nothing to say beyond its name. Notes and statements are cut to a short quote.
 */

type Fields = Record<string, unknown>;

const fields = (value: unknown): Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
const text = (o: Fields, key: string): string | undefined => {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
};
const quote = (s: string | undefined, max = 80): string =>
  s ? ` — “${s.length > max ? `${s.slice(0, max - 1)}…` : s}”` : '';
const withReason = (head: string, reason: string | undefined) => (reason ? `${head} (${reason})` : head);

/** `86400` → `1d`, `5400` → `1h 30m`. */
export function shortDuration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean);
  return parts.length ? parts.join(' ') : `${seconds}s`;
}

function decisionSummary(action: string, after: Fields): string {
  const decision = text(after, 'decision') ?? action.slice('review.'.length);
  let out = withReason(decision, text(after, 'reason_code'));
  if (action === 'review.escalated' && typeof after.escalation_level === 'number') {
    out += ` → level ${after.escalation_level}`;
  }
  if (after.bulk_id) out += ' [bulk]';
  return out + quote(text(after, 'note'));
}

function authorSummary(action: string, before: Fields, after: Fields): string {
  const kind = text(after, 'kind') ?? text(before, 'kind') ?? action.slice('author.'.length);
  if (action === 'author.lifted') {
    return withReason(`lift ${kind}`, text(after, 'reason_code')) + quote(text(after, 'note'));
  }
  const duration =
    typeof after.duration_seconds === 'number' ? ` ${shortDuration(after.duration_seconds)}` : '';
  return withReason(`${kind}${duration}`, text(after, 'reason_code')) + quote(text(after, 'note'));
}

/** What changed in a moderator account: `role moderator → admin, disabled`. */
function moderatorChange(before: Fields, after: Fields): string | null {
  const changes: string[] = [];
  for (const key of ['role', 'display_name'] as const) {
    const was = text(before, key);
    const now = text(after, key);
    if (was !== now && now !== undefined) changes.push(`${key.replace('_', ' ')} ${was ?? '—'} → ${now}`);
  }
  if (before.disabled !== after.disabled && typeof after.disabled === 'boolean') {
    changes.push(after.disabled ? 'disabled' : 'enabled');
  }
  const queues = (o: Fields) => (Array.isArray(o.queues) ? o.queues.map(String).sort().join(', ') : '');
  if (queues(before) !== queues(after)) changes.push(`queues: ${queues(after) || 'none'}`);
  return changes.length ? changes.join(', ') : null;
}

export function auditSummary(action: string, beforeJson: unknown, afterJson: unknown): string | null {
  const before = fields(beforeJson);
  const after = fields(afterJson);
  if (action === 'review.decided' || action === 'review.escalated') return decisionSummary(action, after);
  if (action === 'review.undone') return `undo ${text(before, 'decision') ?? 'decision'}`;
  if (action.startsWith('author.')) return authorSummary(action, before, after);
  if (action === 'report.opened' || action === 'appeal.opened') {
    const ref = text(after, 'external_ref');
    return `${action.split('.')[0]} opened${ref ? ` (${ref})` : ''}${quote(text(after, 'statement'))}`;
  }
  if (action === 'moderator.created') {
    return `${text(after, 'username') ?? '?'} (${text(after, 'role') ?? '?'})`;
  }
  if (action === 'moderator.updated') return moderatorChange(before, after);
  if (action === 'moderator.password_set') return moderatorChange(before, after) ?? 'password set';
  if (action === 'moderator.login_failed') {
    const n = text(after, 'failed_attempts');
    return n ? `failed attempts: ${n}` : 'login failed';
  }
  if (action.startsWith('review_queue.')) return text(after, 'name') ?? null;
  if (action.startsWith('hash_match.')) {
    const bank = text(after, 'bank');
    const post = text(after, 'post_id');
    return [bank && `bank ${bank}`, post && `post ${post}`].filter(Boolean).join(', ') || null;
  }
  if (action === 'api_token.created') return text(after, 'name') ?? null;
  return null;
}
