import { useState } from 'react';
import { api, unwrap, type TaskDetail } from '../api/client';

type HashMatch = TaskDetail['hash_matches'][number];

const STATE_LABELS: Record<HashMatch['match_state'], string> = {
  unreviewed: 'not reviewed',
  confirmed: 'confirmed',
  rejected: 'rejected (hash disabled)',
};

/**
 * Known-content matches of the post (hash banks): bank, the action it asks for, distance, the bank
 * entry and its review state. A moderator confirms a match, or rejects it: a rejected hash is disabled
 * (it stops matching everywhere) while its bank stays enabled.
 */
export function HashMatches({
  queueId,
  taskId,
  matches,
  canReview,
  onReviewed,
}: {
  queueId: string;
  taskId: string;
  matches: readonly HashMatch[];
  canReview: boolean;
  onReviewed: (message: string) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (matches.length === 0) return null;

  const review = async (m: HashMatch, decision: 'confirm' | 'reject') => {
    setBusy(m.hash_id);
    setError(null);
    try {
      unwrap(
        await api.POST('/review/queues/{queue}/tasks/{task}/hash-matches/{hash}/review', {
          params: { path: { queue: queueId, task: taskId, hash: m.hash_id } },
          body: { decision },
        }),
      );
      onReviewed(
        decision === 'reject'
          ? `Match rejected: hash ${m.hash_id} of ${m.bank} disabled.`
          : `Match with ${m.bank} confirmed.`,
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="hash-matches-title">
      <h2 id="hash-matches-title">Hash matches</h2>
      <ul className="reasons-list">
        {matches.map((m) => (
          <li key={`${m.media_id}|${m.hash_id}`}>
            <strong>{m.bank}</strong> ({m.bank_action}) · {m.media_id} · distance {m.distance}
            {m.frame_match_ratio !== undefined && ` · ${Math.round(m.frame_match_ratio * 100)}% of frames`} ·
            hash <code>{m.hash_id}</code> · <span className="muted">{STATE_LABELS[m.match_state]}</span>
            {canReview && m.hash_enabled && (
              <span className="inline-actions">
                {' '}
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void review(m, 'confirm')}
                  aria-label={`Confirm the ${m.bank} match`}
                >
                  Confirm
                </button>{' '}
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void review(m, 'reject')}
                  aria-label={`Reject the ${m.bank} match and disable its hash`}
                >
                  Reject
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="small warning" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
