import type { RefObject } from 'react';
import type { Catalogue, Decision, TaskDetail } from '../../api/client';
import { ConfirmDecision } from '../../components/ConfirmDecision';
import { DECISION_KEYS, DECISION_LABELS } from '../../shortcuts';

const KEY_OF = Object.fromEntries(Object.entries(DECISION_KEYS).map(([k, d]) => [d, k])) as Record<
  Decision,
  string
>;

/** A high-severity decision waiting for the moderator's confirmation (ConfirmDecision). */
export interface PendingConfirmation {
  decision: Decision;
  reasonCode: string;
}

/**
 * The item view's decision panel: the decision buttons, the reasons of the chosen decision, the
 * confirmation of a high-severity decision and the note. Only the moderator holding the claim decides.
 */
export function DecisionPanel({
  task,
  catalogue,
  canDecide,
  chosen,
  onChoose,
  busy,
  confirming,
  onDecide,
  onCancelConfirm,
  note,
  onNote,
  noteRef,
}: {
  task: TaskDetail['task'];
  catalogue: Catalogue;
  canDecide: boolean;
  chosen: Decision | null;
  onChoose: (decision: Decision | null) => void;
  busy: boolean;
  confirming: PendingConfirmation | null;
  onDecide: (decision: Decision, reasonCode: string, confirmed?: boolean) => void;
  onCancelConfirm: () => void;
  note: string;
  onNote: (note: string) => void;
  noteRef: RefObject<HTMLTextAreaElement | null>;
}) {
  return (
    <section className="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decision</h2>
      {!task.claimed_by_me ? (
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
                onClick={() => onChoose(chosen === d.decision ? null : d.decision)}
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
                  ?.reasons.find((r) => r.code === confirming.reasonCode)?.label ?? confirming.reasonCode
              }`}
              urgent={task.triage.label === 'urgent'}
              onConfirm={() => onDecide(confirming.decision, confirming.reasonCode, true)}
              onCancel={onCancelConfirm}
            />
          )}
          {chosen && <p className="small muted">Press the reason's number, or Esc to cancel.</p>}
          {chosen && (
            <ol className="reasons" aria-label={`Reason to ${DECISION_LABELS[chosen].toLowerCase()}`}>
              {catalogue.decisions
                .find((d) => d.decision === chosen)!
                .reasons.map((r, i) => (
                  <li key={r.code}>
                    <button type="button" onClick={() => onDecide(chosen, r.code)} disabled={busy}>
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
            onChange={(e) => onNote(e.target.value)}
            rows={2}
            maxLength={2000}
          />
        </>
      )}
    </section>
  );
}
