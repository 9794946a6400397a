import { useCallback, useEffect, useRef, useState } from 'react';
import {
  api,
  ApiFailure,
  unwrap,
  type Catalogue,
  type Decision,
  type Me,
  type TaskDetail,
} from '../api/client';
import { ConfirmDecision } from '../components/ConfirmDecision';
import { AuthorPanel } from '../components/AuthorPanel';
import { HashMatches } from '../components/HashMatches';
import { MediaView } from '../components/MediaView';
import { ScoresTable } from '../components/ScoresTable';
import { ShortcutsToggle } from '../components/ShortcutsToggle';
import { holderLabel, PlatformPriority } from '../components/TaskTable';
import { useWellness } from '../components/WellnessContext';
import { announce } from '../announce';
import { setFlash, takeFlash } from '../flash';
import { offerUndo } from '../undo';
import { formatHeldSince, formatSla } from '../format';
import { navigate } from '../router';
import { DECISION_KEYS, DECISION_LABELS, interpretKey, isTyping } from '../shortcuts';

const MUTE_KEY = 'vigil.review.muted';
const KEY_OF = Object.fromEntries(Object.entries(DECISION_KEYS).map(([k, d]) => [d, k])) as Record<
  Decision,
  string
>;

/**
 * The item view: media (safety-blurred when sensitive), caption, text found in images, transcript,
 * alt-text, scores with the modality behind each, why the post is in review, the verdict in force and
 * the post's history; the decision panel with two-keystroke shortcuts. Opening an item as a moderator
 * claims it; the claim is renewed while the page is open.
 */
export function ItemPage({
  queueId,
  taskId,
  me,
  catalogue,
}: {
  queueId: string;
  taskId: string;
  me: Me;
  catalogue: Catalogue;
}) {
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash] = useState<string | null>(takeFlash);
  const [status, setStatus] = useState<string | null>(flash);
  const [chosen, setChosen] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const [feedback, setFeedback] = useState<Record<string, boolean>>({});
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTE_KEY) === '1');
  const [help, setHelp] = useState(false);
  const [authorSignal, setAuthorSignal] = useState(0);
  const [busy, setBusy] = useState(false);
  /** A high-severity decision waiting for the moderator's confirmation (ConfirmDecision). */
  const [confirming, setConfirming] = useState<{ decision: Decision; reasonCode: string } | null>(null);
  const { refreshExposure } = useWellness();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const canDecide = me.role !== 'viewer';
  const path = { queue: queueId, task: taskId };

  const load = useCallback(async () => {
    const found = unwrap(
      await api.GET('/review/queues/{queue}/tasks/{task}', {
        params: { path: { queue: queueId, task: taskId } },
      }),
    );
    setDetail(found);
    return found;
  }, [queueId, taskId]);

  // Open: load, and claim when a moderator opens a waiting task.
  useEffect(() => {
    void (async () => {
      try {
        const found = await load();
        if (canDecide && found.task.status === 'open') {
          try {
            unwrap(
              await api.POST('/review/queues/{queue}/tasks/{task}/claim', {
                params: { path: { queue: queueId, task: taskId } },
              }),
            );
            await load();
          } catch (e) {
            if (e instanceof ApiFailure && e.status === 409) setStatus(e.message);
            else throw e;
          }
        }
        // Opening a graphic item counted toward the break prompt: show the new count.
        await refreshExposure().catch(() => undefined);
      } catch (e) {
        setError((e as Error).message);
      }
    })();
  }, [load, canDecide, queueId, taskId, refreshExposure]);

  // Once the item is shown: focus its heading and say which item it is (after the outcome of the last one).
  const shown = detail !== null;
  useEffect(() => {
    if (!detail) return;
    headingRef.current?.focus();
    const { post, task } = detail;
    const what = task.categories.length ? `, ${task.categories.join(', ')}` : '';
    announce(`${flash ? `${flash} ` : ''}Now reviewing ${post.tenant_id}/${post.post_id}${what}.`);
    // Only when the item first appears (`shown`), not on reloads of it.
  }, [shown]);

  // Keep the claim while the page is open: renew at half the remaining lease.
  const expires = detail?.task.claimed_by_me ? detail.task.claim_expires_at : null;
  useEffect(() => {
    if (!expires) return;
    const wait = Math.max(5_000, (Date.parse(expires) - Date.now()) / 2);
    const timer = setTimeout(() => {
      void api
        .POST('/review/queues/{queue}/tasks/{task}/claim', {
          params: { path: { queue: queueId, task: taskId } },
        })
        .then(() => load());
    }, wait);
    return () => clearTimeout(timer);
  }, [expires, load, queueId, taskId]);

  /** Claims the next task (before letting go of this one, so it is not handed back to us). */
  const next = useCallback(
    async (releaseCurrent: boolean) => {
      if (!canDecide) {
        const { tasks } = unwrap(
          await api.GET('/review/queues/{queue}/tasks', { params: { path: { queue: queueId } } }),
        );
        const after = tasks[tasks.findIndex((t) => t.task_id === taskId) + 1] ?? tasks[0];
        if (after && after.task_id !== taskId)
          navigate({ name: 'item', queue: queueId, task: after.task_id });
        else setStatus('No other task in this queue.');
        return;
      }
      const { task } = unwrap(
        await api.POST('/review/queues/{queue}/claim', { params: { path: { queue: queueId } }, body: {} }),
      );
      if (releaseCurrent) {
        await api.POST('/review/queues/{queue}/tasks/{task}/release', {
          params: { path: { queue: queueId, task: taskId } },
        });
      }
      if (task) navigate({ name: 'item', queue: queueId, task: task.task_id });
      else {
        setFlash('The queue is empty.');
        navigate({ name: 'queue', queue: queueId });
      }
    },
    [canDecide, queueId, taskId],
  );

  const decide = useCallback(
    async (decision: Decision, reasonCode: string, confirmed = false) => {
      if (busy) return;
      setChosen(null);
      const high = detail?.confirm.some((c) => c.decision === decision && c.reason_code === reasonCode);
      if (high && !confirmed) {
        setConfirming({ decision, reasonCode });
        return;
      }
      setConfirming(null);
      setBusy(true);
      try {
        const outcome = unwrap(
          await api.POST('/review/queues/{queue}/tasks/{task}/decision', {
            params: { path: { queue: queueId, task: taskId } },
            body: {
              decision,
              reason_code: reasonCode,
              ...(confirmed ? { confirmed: true } : {}),
              ...(note.trim() ? { note: note.trim() } : {}),
              feedback: Object.entries(feedback).map(([category, agrees]) => ({
                category: category as TaskDetail['scores'][number]['category'],
                agrees,
              })),
            },
          }),
        );
        const reason = catalogue.decisions
          .find((d) => d.decision === decision)
          ?.reasons.find((r) => r.code === reasonCode);
        const what = `${DECISION_LABELS[decision]}: ${reason?.label ?? reasonCode}`;
        const saved = `${what}. Saved.`;
        setStatus(saved);
        setFlash(saved);
        if (outcome.undo_until) {
          offerUndo({
            decisionId: outcome.decision_id,
            queueId,
            taskId,
            what: `${what} on ${detail?.post.tenant_id}/${detail?.post.post_id}`,
            until: Date.parse(outcome.undo_until),
          });
        }
        await next(false);
      } catch (e) {
        setStatus(null);
        setBusy(false);
        if (e instanceof ApiFailure && e.code === 'CONFIRMATION_REQUIRED')
          setConfirming({ decision, reasonCode });
        else setError((e as Error).message);
      }
    },
    [busy, queueId, taskId, note, feedback, catalogue, next, detail],
  );

  /** Back to the queue; a task this moderator holds goes back to the queue with them (not kept for the lease). */
  const backToQueue = useCallback(async () => {
    if (detail?.task.claimed_by_me) {
      await api.POST('/review/queues/{queue}/tasks/{task}/release', { params: { path } });
    }
    navigate({ name: 'queue', queue: queueId });
  }, [detail, queueId, taskId]);

  const revealAll = useCallback(() => {
    if (!detail) return;
    const sensitive = detail.media.filter((m) => m.sensitive.blur).map((m) => m.media_id);
    setRevealed((current) => (sensitive.every((id) => current.has(id)) ? new Set() : new Set(sensitive)));
  }, [detail]);

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

  if (error && !detail) {
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  }
  if (!detail) return <p className="loading">Loading item…</p>;
  const { task, post, media, scores, verdict, history } = detail;
  const mine = task.claimed_by_me;

  return (
    <div className="item">
      <div className="item-head">
        <button type="button" className="link" onClick={() => void backToQueue()} aria-keyshortcuts="q">
          ← {queueId}
        </button>
        <h1 ref={headingRef} tabIndex={-1}>
          {post.tenant_id}/{post.post_id} <span className="muted">rev {post.revision}</span>
        </h1>
        <span className={`pill source-${task.source}`}>
          {task.source === 'model' ? 'model flag' : task.source}
        </span>
        {task.escalation_level > 0 && (
          <span className="pill escalated">escalated ×{task.escalation_level}</span>
        )}
        <span className={`triage triage-${task.triage.tier}`}>{task.triage.label}</span>
        <span className={task.overdue ? 'overdue-text' : 'muted'}>{formatSla(task.due_at)}</span>
        <PlatformPriority task={task} />
        <span className="claim">
          {task.status === 'resolved'
            ? 'decided'
            : mine
              ? `claimed by you${task.claimed_at ? ` ${formatHeldSince(task.claimed_at)}` : ''}`
              : task.status === 'claimed'
                ? holderLabel(task)
                : 'not claimed'}
        </span>
        <button type="button" onClick={() => void next(mine)} aria-keyshortcuts="n">
          Next <kbd>N</kbd>
        </button>
        <ShortcutsToggle expanded={help} onToggle={() => setHelp((h) => !h)} />
      </div>
      <p role="status" aria-live="polite" className={status ? 'notice' : 'sr-only'}>
        {status ?? ''}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {help && (
        <section className="help" aria-label="Keyboard shortcuts">
          <ul>
            <li>
              <kbd>A</kbd> approve, <kbd>R</kbd> remove, <kbd>G</kbd> age-restrict, <kbd>E</kbd> escalate —
              then <kbd>1</kbd>–<kbd>9</kbd> picks the reason and decides
            </li>
            <li>
              <kbd>Esc</kbd> cancel · <kbd>N</kbd> next item · <kbd>V</kbd> show/hide media · <kbd>M</kbd>{' '}
              mute audio · <kbd>T</kbd> write a note · <kbd>O</kbd> the author (history, warn, mute, suspend)
              · <kbd>U</kbd> undo the last decision (while offered) · <kbd>Q</kbd> back to the queue (gives
              the item back)
            </li>
          </ul>
        </section>
      )}
      {post.newer_revision && (
        <p className="warning">
          A newer revision of this post exists; this decision applies to revision {post.revision} only.
        </p>
      )}
      <div className="item-body">
        <div className="content" aria-label="Post">
          {media.map((m) => (
            <MediaView
              key={m.media_id}
              media={m}
              muted={muted}
              revealed={revealed.has(m.media_id)}
              onReveal={(show) =>
                setRevealed((current) => {
                  const copy = new Set(current);
                  if (show) copy.add(m.media_id);
                  else copy.delete(m.media_id);
                  return copy;
                })
              }
            />
          ))}
          {media.some((m) => m.kind === 'audio' || m.kind === 'video') && (
            <label className="mute">
              <input
                type="checkbox"
                checked={muted}
                onChange={(e) => {
                  localStorage.setItem(MUTE_KEY, e.target.checked ? '1' : '0');
                  setMuted(e.target.checked);
                }}
              />{' '}
              Mute audio <kbd>M</kbd>
            </label>
          )}
          <section aria-labelledby="caption-title">
            <h2 id="caption-title">Caption {post.lang && <span className="muted">({post.lang})</span>}</h2>
            <p className="caption">{post.caption || <span className="muted">(no caption)</span>}</p>
          </section>
          {task.statement && (
            <section aria-labelledby="statement-title">
              <h2 id="statement-title">{task.source === 'appeal' ? 'Appeal' : 'Report'} statement</h2>
              <blockquote>{task.statement}</blockquote>
            </section>
          )}
          <section aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <ol className="history">
              {history.map((h, i) => (
                <li key={i}>
                  <time dateTime={h.at}>{new Date(h.at).toLocaleString()}</time>{' '}
                  <span className="pill">{h.kind}</span> rev {h.revision}: {h.summary}{' '}
                  <span className="muted">— {h.actor}</span>
                  {h.detail && <span className="block muted small">{h.detail}</span>}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <aside className="side" aria-label="Decision and scores">
          <section className="decision" aria-labelledby="decision-title">
            <h2 id="decision-title">Decision</h2>
            {!mine ? (
              <p className="muted">
                {task.status === 'resolved'
                  ? 'This task is decided.'
                  : canDecide
                    ? 'Claim this task to decide.'
                    : 'Viewers cannot decide.'}
              </p>
            ) : (
              <>
                <div className="decisions" role="group" aria-label="Decisions">
                  {catalogue.decisions.map((d) => (
                    <button
                      key={d.decision}
                      type="button"
                      className={`decision-btn decision-${d.decision}`}
                      aria-pressed={chosen === d.decision}
                      aria-keyshortcuts={KEY_OF[d.decision]}
                      onClick={() => setChosen(chosen === d.decision ? null : d.decision)}
                      disabled={busy}
                    >
                      {DECISION_LABELS[d.decision]} <kbd>{KEY_OF[d.decision].toUpperCase()}</kbd>
                    </button>
                  ))}
                </div>
                {confirming && (
                  <ConfirmDecision
                    what={`${DECISION_LABELS[confirming.decision]}: ${
                      catalogue.decisions
                        .find((d) => d.decision === confirming.decision)
                        ?.reasons.find((r) => r.code === confirming.reasonCode)?.label ??
                      confirming.reasonCode
                    }`}
                    urgent={task.triage.label === 'urgent'}
                    onConfirm={() => void decide(confirming.decision, confirming.reasonCode, true)}
                    onCancel={() => {
                      setConfirming(null);
                      announce('Decision cancelled.');
                      headingRef.current?.focus();
                    }}
                  />
                )}
                {chosen && <p className="small muted">Press the reason's number, or Esc to cancel.</p>}
                {chosen && (
                  <ol className="reasons" aria-label={`Reason to ${DECISION_LABELS[chosen].toLowerCase()}`}>
                    {catalogue.decisions
                      .find((d) => d.decision === chosen)!
                      .reasons.map((r, i) => (
                        <li key={r.code}>
                          <button type="button" onClick={() => void decide(chosen, r.code)} disabled={busy}>
                            <kbd>{i + 1}</kbd> {r.label}
                          </button>
                        </li>
                      ))}
                  </ol>
                )}
                <label htmlFor="note">
                  Note (optional) <kbd>T</kbd>
                </label>
                <textarea
                  id="note"
                  ref={noteRef}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  rows={2}
                  maxLength={2000}
                />
              </>
            )}
          </section>
          <section aria-labelledby="why-title">
            <h2 id="why-title">Why in review</h2>
            <ul className="reasons-list">
              {task.reasons.map((r, i) => (
                <li key={i}>
                  <code>{String(r.rule ?? r.action)}</code>
                  {typeof r.category === 'string' && ` (${r.category})`}
                  {typeof r.score === 'number' &&
                    ` score ${r.score.toFixed(2)} ≥ ${Number(r.threshold).toFixed(2)}`}
                </li>
              ))}
            </ul>
            <p className="small muted">
              Verdict in force: {verdict.source} ·{' '}
              {[...new Set(verdict.actions.map((a) => a.action))].join(', ')} · policy {verdict.policy.id}@
              {verdict.policy.version}
            </p>
            {post.not_covered.length > 0 && (
              <p className="small muted">Not assessed by the model: {post.not_covered.join(', ')}</p>
            )}
            {post.errors.length > 0 && (
              <p className="small warning">Errors: {post.errors.map((e) => e.code).join(', ')}</p>
            )}
          </section>
          <AuthorPanel queueId={queueId} taskId={taskId} canAct={canDecide} openSignal={authorSignal} />
          <HashMatches
            queueId={queueId}
            taskId={taskId}
            matches={detail.hash_matches}
            canReview={canDecide}
            onReviewed={(message) => {
              setStatus(message);
              void load();
            }}
          />
          <ScoresTable
            scores={scores}
            actions={verdict.actions}
            feedback={feedback}
            editable={mine}
            onFeedback={(category, agrees) =>
              setFeedback((f) => {
                const copy = { ...f };
                if (agrees === undefined) delete copy[category];
                else copy[category] = agrees;
                return copy;
              })
            }
          />
        </aside>
      </div>
    </div>
  );
}
