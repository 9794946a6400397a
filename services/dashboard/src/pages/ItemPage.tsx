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
import { AuthorPanel } from '../components/AuthorPanel';
import { HashMatches } from '../components/HashMatches';
import { ScoresTable } from '../components/ScoresTable';
import { announce } from '../announce';
import { setFlash, takeFlash } from '../flash';
import { offerUndo } from '../undo';
import { navigate } from '../router';
import { DECISION_LABELS } from '../shortcuts';
import { DecisionPanel, type PendingConfirmation } from './item/DecisionPanel';
import { ItemContent } from './item/ItemContent';
import { ItemHeader, ItemShortcutsHelp } from './item/ItemHeader';
import { useItemClaim } from './item/useItemClaim';
import { MUTE_KEY, useItemKeys } from './item/useItemKeys';
import { WhyInReview } from './item/WhyInReview';

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
  const [confirming, setConfirming] = useState<PendingConfirmation | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const canDecide = me.role !== 'viewer';
  const path = { queue: queueId, task: taskId };
  const { detail, load } = useItemClaim({ queueId, taskId, canDecide, setStatus, setError });

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
        const post = `${detail?.post.tenant_id}/${detail?.post.post_id}`;
        const saved = `${what}. Saved.`;
        setStatus(saved);
        setFlash(saved);
        if (outcome.undo_until) {
          offerUndo({
            decisionId: outcome.decision_id,
            queueId,
            taskId,
            what: `${what} on ${post}`,
            ...(decision === 'escalate' ? { escalation: `${reason?.label ?? reasonCode} on ${post}` } : {}),
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

  useItemKeys({
    detail,
    catalogue,
    chosen,
    setChosen,
    setStatus,
    decide,
    next,
    revealAll,
    setMuted,
    noteRef,
    setHelp,
    setAuthorSignal,
    backToQueue,
  });

  if (error && !detail) {
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  }
  if (!detail) return <p className="loading">Loading item…</p>;
  const { task, post, scores, verdict } = detail;
  const mine = task.claimed_by_me;

  return (
    <div className="item">
      <ItemHeader
        queueId={queueId}
        detail={detail}
        headingRef={headingRef}
        help={help}
        onBack={() => void backToQueue()}
        onNext={() => void next(mine)}
        onToggleHelp={() => setHelp((h) => !h)}
      />
      <p role="status" aria-live="polite" className={status ? 'notice' : 'sr-only'}>
        {status ?? ''}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {help && <ItemShortcutsHelp />}
      {post.newer_revision && (
        <p className="warning">
          A newer revision of this post exists; this decision applies to revision {post.revision} only.
        </p>
      )}
      <div className="item-body">
        <ItemContent
          detail={detail}
          muted={muted}
          setMuted={setMuted}
          revealed={revealed}
          setRevealed={setRevealed}
        />
        <aside className="side" aria-label="Decision and scores">
          <DecisionPanel
            task={task}
            catalogue={catalogue}
            canDecide={canDecide}
            chosen={chosen}
            onChoose={setChosen}
            busy={busy}
            confirming={confirming}
            onDecide={(decision, reasonCode, confirmed) => void decide(decision, reasonCode, confirmed)}
            onCancelConfirm={() => {
              setConfirming(null);
              announce('Decision cancelled.');
              headingRef.current?.focus();
            }}
            note={note}
            onNote={setNote}
            noteRef={noteRef}
          />
          <WhyInReview detail={detail} />
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
