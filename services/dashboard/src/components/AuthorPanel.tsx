import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, unwrap, type AuthorActionKind, type AuthorContext } from '../api/client';
import { announce } from '../announce';
import { AuthorActionList, KIND_LABELS, span, when } from './AuthorActionList';

/** Durations offered per kind, seconds; 0 = until lifted (suspensions only). */
const DURATIONS: Record<AuthorActionKind, readonly number[]> = {
  warn: [],
  mute: [3_600, 86_400, 7 * 86_400, 30 * 86_400],
  suspend: [0, 7 * 86_400, 30 * 86_400],
};

const newKey = () => crypto.randomUUID();

/**
 * The author of the item's post: a one-line summary (pseudonym, strikes, account age, posts seen) that
 * opens to their other posts with the verdict in force, moderators' decisions against them and earlier
 * author actions; moderators also warn, mute (for a time) or suspend them with a reason and a note, and
 * lift a mute or suspension still in force.
 * `openSignal` changing (the `O` key) opens the panel and puts focus in it.
 */
export function AuthorPanel({
  queueId,
  taskId,
  canAct,
  openSignal,
}: {
  queueId: string;
  taskId: string;
  canAct: boolean;
  openSignal: number;
}) {
  const [context, setContext] = useState<AuthorContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<AuthorActionKind>('warn');
  const [duration, setDuration] = useState(0);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const firstFieldRef = useRef<HTMLSelectElement>(null);
  const path = { queue: queueId, task: taskId };

  const load = useCallback(async () => {
    try {
      setContext(
        unwrap(
          await api.GET('/review/queues/{queue}/tasks/{task}/author', {
            params: { path: { queue: queueId, task: taskId } },
          }),
        ),
      );
    } catch (e) {
      setError((e as Error).message);
    }
  }, [queueId, taskId]);

  useEffect(() => {
    void load();
  }, [load]);

  // The O key: open the panel and move focus into it (the action form, or the toggle for viewers).
  useEffect(() => {
    if (openSignal === 0) return;
    setOpen(true);
    setTimeout(() => (firstFieldRef.current ?? toggleRef.current)?.focus(), 0);
  }, [openSignal]);

  const chooseKind = (next: AuthorActionKind) => {
    setKind(next);
    setDuration(DURATIONS[next][0] ?? 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !reason) return;
    setBusy(true);
    setError(null);
    try {
      const done = unwrap(
        await api.POST('/review/queues/{queue}/tasks/{task}/author/actions', {
          params: { path },
          body: {
            kind,
            reason_code: reason,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(duration > 0 ? { duration_seconds: duration } : {}),
            idempotency_key: idempotencyKey,
          },
        }),
      );
      const label = context?.reasons.find((r) => r.code === done.reason_code)?.label ?? done.reason_code;
      const lasting = done.duration_seconds ? ` for ${span(done.duration_seconds)}` : '';
      const message = `Author ${KIND_LABELS[done.kind].done}${lasting}: ${label}.${
        done.deliveries > 0 ? ' The platform is notified.' : ' No webhook endpoint for this post.'
      }`;
      setOutcome(message);
      announce(message);
      setReason('');
      setNote('');
      setIdempotencyKey(newKey());
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const summary = !context
    ? 'loading…'
    : !context.known
      ? 'not known (the post record was not seen)'
      : [
          context.author_ref,
          `${context.strikes} strike${context.strikes === 1 ? '' : 's'}`,
          context.account_age_days !== null ? `account ${context.account_age_days} days old` : null,
          `${context.posts_total} post${context.posts_total === 1 ? '' : 's'} seen`,
        ]
          .filter(Boolean)
          .join(' · ');

  return (
    <section className="author" aria-labelledby="author-title">
      <h2 id="author-title">
        <button
          ref={toggleRef}
          type="button"
          className="link"
          aria-expanded={open}
          aria-controls="author-body"
          aria-keyshortcuts="o"
          onClick={() => setOpen((o) => !o)}
        >
          Author <kbd>O</kbd>
        </button>
      </h2>
      <p className="small">{summary}</p>
      {error && (
        <p className="small warning" role="alert">
          {error}
        </p>
      )}
      {open && context?.known && (
        <div id="author-body">
          <h3>Posts</h3>
          <ul className="reasons-list author-posts">
            {context.posts.map((p) => (
              <li key={p.post_id}>
                {p.post_id}
                {p.current && <span className="muted"> (this post)</span>}:{' '}
                <strong>{p.strongest_action ?? 'no verdict'}</strong>
                {p.top_category && ` · ${p.top_category}`}
                {p.top_score !== null && ` ${p.top_score.toFixed(2)}`}
                {p.verdict_source && <span className="muted"> · {p.verdict_source}</span>} ·{' '}
                <time dateTime={p.decided_at ?? undefined}>{when(p.decided_at)}</time>
              </li>
            ))}
          </ul>
          <h3>Decisions against the author</h3>
          {context.decisions.length === 0 ? (
            <p className="small muted">None.</p>
          ) : (
            <ul className="reasons-list">
              {context.decisions.map((d) => (
                <li key={d.decision_id}>
                  {d.decision} — {d.reason_code} on {d.post_id} ·{' '}
                  <time dateTime={d.decided_at}>{when(d.decided_at)}</time>{' '}
                  <span className="muted">— {d.moderator.display_name ?? d.moderator.moderator_id}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>Author actions</h3>
          <AuthorActionList
            actions={context.actions}
            queueId={queueId}
            taskId={taskId}
            canAct={canAct}
            onLifted={async (message) => {
              setError(null);
              setOutcome(message);
              await load();
            }}
            onError={setError}
          />
          {canAct && (
            <form className="author-form" onSubmit={(e) => void submit(e)} aria-label="Act on the author">
              <label>
                Action
                <select
                  ref={firstFieldRef}
                  value={kind}
                  onChange={(e) => chooseKind(e.target.value as AuthorActionKind)}
                >
                  {(Object.keys(KIND_LABELS) as AuthorActionKind[]).map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k].verb}
                    </option>
                  ))}
                </select>
              </label>
              {DURATIONS[kind].length > 0 && (
                <label>
                  For
                  <select value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
                    {DURATIONS[kind].map((s) => (
                      <option key={s} value={s}>
                        {s === 0 ? 'until lifted' : span(s)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <label>
                Reason
                <select required value={reason} onChange={(e) => setReason(e.target.value)}>
                  <option value="">Choose a reason</option>
                  {context.reasons.map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Note (optional)
                <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
              </label>
              <button type="submit" disabled={busy || !reason}>
                {KIND_LABELS[kind].verb} author
              </button>
            </form>
          )}
          {outcome && (
            <p className="small notice" role="status">
              {outcome}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
