import { useEffect, useState } from 'react';
import { api, unwrap, type QueueSummary } from '../api/client';
import { useHeadingFocus } from '../focus';
import { formatDuration, formatSla } from '../format';
import { Link } from '../router';

/** Within this long, the next due time is marked as pressing on the card. */
const SOON_MS = 60 * 60_000;

/**
 * How pressing the waiting tasks are: "2 urgent · next due in 13 min" (or "overdue by 5 min" when the
 * soonest is past due); null when nothing waits.
 */
function Urgency({ q }: { q: QueueSummary }) {
  if (!q.next_due_at && q.urgent === 0) return null;
  const left = q.next_due_at ? Date.parse(q.next_due_at) - Date.now() : Infinity;
  const next = q.next_due_at && (left >= 0 ? `next ${formatSla(q.next_due_at)}` : formatSla(q.next_due_at));
  const pressing = q.urgent > 0 || left < SOON_MS;
  return (
    <p className={`queue-urgency${pressing ? ' pressing' : ''}`}>
      {[q.urgent > 0 && `${q.urgent} urgent`, next].filter(Boolean).join(' · ')}
    </p>
  );
}

/** The queues the moderator works in, with waiting, claimed and overdue counts and how urgent they are. */
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
            <Urgency q={q} />
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
