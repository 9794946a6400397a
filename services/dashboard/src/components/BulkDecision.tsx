import { useEffect, useRef, useState, type FormEvent } from 'react';
import { announce } from '../announce';
import { api, unwrap, type Catalogue, type Decision, type Schemas, type TaskSummary } from '../api/client';
import { DECISION_LABELS } from '../shortcuts';
import { taskName } from './TaskTable';

type Result = Schemas['BulkDecisionResult'];

/** Why a task was left as it was, in words (the server's own words when they name someone). */
function whySkipped(result: Result): string {
  if (result.code === 'TASK_CLOSED') return 'already decided';
  if (result.code === 'TASK_NOT_FOUND') return 'no longer in this queue';
  return result.reason ?? result.code ?? 'not decided';
}

/**
 * "Decide N selected": one decision, one reason and an optional note for every selected task. Each task
 * is decided as if alone; the outcome per task (decided, or skipped and why) is listed and announced.
 */
export function BulkDecision({
  queueId,
  catalogue,
  tasks,
  selected,
  open,
  onOpen,
  onClear,
  onDone,
}: {
  queueId: string;
  catalogue: Catalogue;
  tasks: readonly TaskSummary[];
  selected: ReadonlySet<string>;
  open: boolean;
  onOpen: (open: boolean) => void;
  onClear: () => void;
  /** After the decision: the tasks decided (to drop from the selection). */
  onDone: (decided: readonly string[]) => void;
}) {
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ summary: string; lines: [string, string][] } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = tasks.filter((t) => selected.has(t.task_id)).map((t) => t.task_id);
  const reasons = catalogue.decisions.find((d) => d.decision === decision)?.reasons ?? [];

  useEffect(() => {
    if (open) form.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
  }, [open]);
  // The outcome's heading takes the focus from the form that just closed.
  useEffect(() => {
    if (outcome) heading.current?.focus();
  }, [outcome]);

  const close = () => {
    onOpen(false);
    toggle.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!decision || !reasonCode || ids.length === 0 || busy) return;
    setBusy(true);
    setError(null);
    const names = new Map(tasks.map((t) => [t.task_id, taskName(t)]));
    try {
      const response = unwrap(
        await api.POST('/review/queues/{queue}/decisions', {
          params: { path: { queue: queueId } },
          body: {
            task_ids: ids,
            decision,
            reason_code: reasonCode,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      );
      const label = reasons.find((r) => r.code === reasonCode)?.label ?? reasonCode;
      const counts = [
        `${response.decided} decided`,
        ...(response.skipped ? [`${response.skipped} skipped`] : []),
        ...(response.failed ? [`${response.failed} failed`] : []),
      ].join(', ');
      const summary = `${DECISION_LABELS[decision]}: ${label} — ${counts}.`;
      setOutcome({
        summary,
        lines: response.results.map((r) => [
          names.get(r.task_id) ?? r.task_id,
          r.status === 'decided' ? 'decided' : `${r.status}: ${whySkipped(r)}`,
        ]),
      });
      announce(summary);
      setNote('');
      onOpen(false);
      onDone(response.results.filter((r) => r.status === 'decided').map((r) => r.task_id));
    } catch (e) {
      setError((e as Error).message);
      announce(`Bulk decision failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  if (ids.length === 0 && !outcome) return null;
  return (
    <section className="bulk" aria-label="Selected tasks">
      {ids.length > 0 && (
        <div className="confirm-row">
          <span>{ids.length} selected</span>
          <button
            ref={toggle}
            type="button"
            className="primary"
            aria-expanded={open}
            aria-keyshortcuts="d"
            onClick={() => onOpen(!open)}
          >
            Decide {ids.length} selected <kbd>D</kbd>
          </button>
          <button type="button" className="link" onClick={onClear}>
            Clear selection
          </button>
        </div>
      )}
      {open && ids.length > 0 && (
        <form
          ref={form}
          className="bulk-form"
          aria-label={`Decide ${ids.length} selected tasks`}
          onSubmit={(e) => void submit(e)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <fieldset>
            <legend>Decision</legend>
            {catalogue.decisions.map((d) => (
              <label key={d.decision} className="inline">
                <input
                  type="radio"
                  name="bulk-decision"
                  checked={decision === d.decision}
                  onChange={() => {
                    setDecision(d.decision);
                    setReasonCode(null);
                  }}
                />
                {DECISION_LABELS[d.decision]}
              </label>
            ))}
          </fieldset>
          {decision && (
            <fieldset>
              <legend>Reason</legend>
              {reasons.map((r) => (
                <label key={r.code} className="inline">
                  <input
                    type="radio"
                    name="bulk-reason"
                    checked={reasonCode === r.code}
                    onChange={() => setReasonCode(r.code)}
                  />
                  {r.label}
                </label>
              ))}
            </fieldset>
          )}
          <label htmlFor="bulk-note">Note (optional, for every task)</label>
          <textarea
            id="bulk-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={2000}
          />
          <div className="confirm-row">
            <button type="submit" className="primary" disabled={!decision || !reasonCode || busy}>
              {busy ? 'Deciding…' : `Decide ${ids.length}`}
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {outcome && (
        <div className="bulk-outcome">
          <h2 ref={heading} tabIndex={-1}>
            {outcome.summary}
          </h2>
          <ul>
            {outcome.lines.map(([name, what]) => (
              <li key={name}>
                {name}: <span className={what === 'decided' ? 'decided' : 'skipped'}>{what}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
