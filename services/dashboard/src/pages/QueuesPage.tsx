import { useEffect, useState } from 'react';
import { api, unwrap, type QueueSummary } from '../api/client';
import { useHeadingFocus } from '../focus';
import { formatDuration } from '../format';
import { Link } from '../router';

/** The queues the moderator works in, with waiting, claimed and overdue counts. */
export function QueuesPage() {
  const [queues, setQueues] = useState<QueueSummary[] | null>(null);
  const heading = useHeadingFocus(queues !== null);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const { queues } = unwrap(await api.GET('/review/queues'));
      if (live) setQueues(queues);
    };
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  if (!queues) return <p className="loading">Loading queues…</p>;
  return (
    <section aria-labelledby="queues-title">
      <h1 id="queues-title" ref={heading} tabIndex={-1}>
        Queues
      </h1>
      {queues.length === 0 && <p>You are not a member of any queue yet. Ask an admin to add you.</p>}
      <ul className="queue-cards">
        {queues.map((q) => (
          <li key={q.queue_id} className="queue-card">
            <h2>
              <Link to={{ name: 'queue', queue: q.queue_id }}>{q.name}</Link>
            </h2>
            <p className="muted">{q.description}</p>
            <dl className="counts">
              <div>
                <dt>Waiting</dt>
                <dd>{q.open}</dd>
              </div>
              <div>
                <dt>In review</dt>
                <dd>{q.claimed}</dd>
              </div>
              <div className={q.overdue > 0 ? 'overdue' : ''}>
                <dt>Overdue</dt>
                <dd>{q.overdue}</dd>
              </div>
            </dl>
            <p className="muted small">
              SLA {formatDuration(q.sla_seconds * 1000)}
              {q.oldest_created_at &&
                ` · oldest waiting ${formatDuration(Date.now() - Date.parse(q.oldest_created_at))}`}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
