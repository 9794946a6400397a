import type { TaskDetail } from '../../api/client';

/** Why the post is in review: the rules that sent it, the verdict in force, what was not assessed, errors. */
export function WhyInReview({ detail }: { detail: TaskDetail }) {
  const { task, post, verdict } = detail;
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
