import { useState } from 'react';
import type { ScoreItem, TaskDetail } from '../api/client';
import { formatClock, SEVERITY_LABELS } from '../format';

const SHOWN_ABOVE = 0.1;

/** "image 80% · caption 20%": which modality drove a score (leave-one-modality-out shares). */
function modalities(score: ScoreItem): string {
  return [...score.attribution]
    .sort((a, b) => b.weight - a.weight)
    .map(
      (a) =>
        `${a.modality}${a.timestamp_ms !== undefined ? ` @${formatClock(a.timestamp_ms)}` : ''} ${Math.round(a.weight * 100)}%`,
    )
    .join(' · ');
}

/**
 * Category scores with severity, the modality behind each and the policy rule that fired on it; a
 * moderator holding the task marks per category whether they agree with the model (stored with the
 * decision as recalibration labels).
 */
export function ScoresTable({
  scores,
  actions,
  feedback,
  editable,
  onFeedback,
}: {
  scores: readonly ScoreItem[];
  actions: TaskDetail['verdict']['actions'];
  feedback: Readonly<Record<string, boolean>>;
  editable: boolean;
  onFeedback: (category: string, agrees: boolean | undefined) => void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? scores : scores.filter((s) => s.score >= SHOWN_ABOVE);
  return (
    <section aria-labelledby="scores-title">
      <h2 id="scores-title">Model scores</h2>
      <table className="scores">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Score</th>
            <th scope="col">Driven by</th>
            {editable && <th scope="col">Model right?</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => {
            const rule = actions.find((a) => a.category === s.category);
            const verdict = feedback[s.category];
            return (
              <tr key={s.category}>
                <th scope="row">
                  {s.category}
                  {rule && <span className="block small muted">{rule.rule}</span>}
                </th>
                <td>
                  <meter
                    min={0}
                    max={1}
                    low={0.2}
                    high={0.5}
                    optimum={0}
                    value={s.score}
                    aria-label={`${s.category} score`}
                  />{' '}
                  <span className={`sev sev-${s.severity}`}>
                    {s.score.toFixed(2)} {SEVERITY_LABELS[s.severity]}
                  </span>
                </td>
                <td className="small">{modalities(s) || '—'}</td>
                {editable && (
                  <td className="feedback">
                    <button
                      type="button"
                      aria-pressed={verdict === true}
                      aria-label={`Agree with the ${s.category} score`}
                      onClick={() => onFeedback(s.category, verdict === true ? undefined : true)}
                    >
                      Agree
                    </button>
                    <button
                      type="button"
                      aria-pressed={verdict === false}
                      aria-label={`Disagree with the ${s.category} score`}
                      onClick={() => onFeedback(s.category, verdict === false ? undefined : false)}
                    >
                      Disagree
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {scores.length > shown.length || all ? (
        <button type="button" className="link small" onClick={() => setAll(!all)}>
          {all ? `Hide scores below ${SHOWN_ABOVE}` : `Show all ${scores.length} categories`}
        </button>
      ) : null}
    </section>
  );
}
