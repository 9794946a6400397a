import type { TaskDetail } from '../../api/client';

/** Verdict actions that only route or leave the post alone; every other action acts on it. */
const NOT_ACTING = new Set(['review', 'allow']);

/**
 * Why the post is in review: the rules that sent it, what else the verdict in force does to the post
 * (a removal, blur or label beside the review: often what makes the task urgent), the verdict in force,
 * what was not assessed, errors.
 */
export function WhyInReview({ detail }: { detail: TaskDetail }) {
  const { task, post, verdict } = detail;
  const acting = verdict.actions.filter((a) => !NOT_ACTING.has(a.action));
  const actor = verdict.source === 'model' ? 'The model' : 'The human verdict in force';
  return (
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
        {acting.map((a, i) => (
          <li key={`acting-${i}`} className="also-acted">
            {actor} also acted: <strong>{a.action}</strong>
            {typeof a.category === 'string' && ` — ${a.category}`}
            {typeof a.score === 'number' && ` ${a.score.toFixed(2)}`} (rule <code>{a.rule}</code>)
          </li>
        ))}
      </ul>
      <p className="small muted">
        Verdict in force: {verdict.source} · {[...new Set(verdict.actions.map((a) => a.action))].join(', ')} ·
        policy {verdict.policy.id}@{verdict.policy.version}
      </p>
      {post.not_covered.length > 0 && (
        <p
          className="small muted"
          title="A category counts as assessed only when every part of the post where it can show up was checked for it (the caption, text in images, what images show, speech)."
        >
          Not assessed in every part of the post (e.g. what an image shows, or speech):{' '}
          {post.not_covered.join(', ')}
        </p>
      )}
      {post.errors.length > 0 && (
        <p className="small warning">Errors: {post.errors.map((e) => e.code).join(', ')}</p>
      )}
    </section>
  );
}
