import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { useHeadingFocus } from '../focus';
import { formatDuration } from '../format';
import { AuditTable } from './team/AuditTable';

type Stats = Schemas['TeamStats'];
type AuditEntry = Schemas['AuditEntry'];

const PERIODS = [
  { label: 'last 24 hours', days: 1 },
  { label: 'last 7 days', days: 7 },
  { label: 'last 30 days', days: 30 },
] as const;

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);
const secs = (s: number | null) => (s === null ? '—' : formatDuration(s * 1000));

/** Audit filters as the API's query (empty fields left out). */
interface AuditFilter {
  action?: string;
  actor?: string;
  tenant_id?: string;
  since?: string;
}

function auditQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  params.set('limit', '200');
  return params.toString();
}

/**
 * The team lead's view (admins): decisions and median decision time per moderator and per queue, SLA
 * breaches, the overturn rate on appeal, agreement with the model; the audit log with filters and a CSV
 * export of what the filters select.
 */
export function TeamPage() {
  const [days, setDays] = useState<number>(7);
  const [stats, setStats] = useState<Stats | null>(null);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useHeadingFocus();

  useEffect(() => {
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    void api
      .GET('/review/admin/stats', { params: { query: { since } } })
      .then((r) => setStats(unwrap(r)))
      .catch((e: Error) => setError(e.message));
  }, [days]);

  const loadAudit = useCallback(async () => {
    try {
      const res = await fetch(`/review/admin/audit?${auditQuery(filter)}`, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`audit log: HTTP ${res.status}`);
      setEntries(((await res.json()) as { entries: AuditEntry[] }).entries);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [filter]);
  useEffect(() => {
    void loadAudit();
  }, [loadAudit]);

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const since = text('since');
    setFilter({
      action: text('action'),
      actor: text('actor'),
      tenant_id: text('tenant_id'),
      since: since ? new Date(since).toISOString() : undefined,
    });
  };

  return (
    <section aria-labelledby="team-title" className="team">
      <div className="page-head">
        <h1 id="team-title" ref={heading} tabIndex={-1}>
          Team
        </h1>
        <label>
          Period{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((p) => (
              <option key={p.days} value={p.days}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!stats ? (
        <p className="loading">Loading statistics…</p>
      ) : (
        <>
          <dl className="counts team-counts">
            <div>
              <dt>Overturned on appeal</dt>
              <dd>{pct(stats.appeals.overturn_rate)}</dd>
              <dd className="small muted">
                {stats.appeals.overturned} of {stats.appeals.decided} appeals
              </dd>
            </div>
            <div>
              <dt>Agreement with the model</dt>
              <dd>{pct(stats.model_agreement.rate)}</dd>
              <dd className="small muted">
                {stats.model_agreement.agreed} of {stats.model_agreement.labels} labels
              </dd>
            </div>
            <div className={stats.queues.some((q) => q.sla_breaches + q.overdue_open > 0) ? 'overdue' : ''}>
              <dt>SLA breaches</dt>
              <dd>{stats.queues.reduce((a, q) => a + q.sla_breaches, 0)}</dd>
              <dd className="small muted">
                {stats.queues.reduce((a, q) => a + q.overdue_open, 0)} waiting past due now
              </dd>
            </div>
          </dl>
          <h2 id="per-moderator">Per moderator</h2>
          <div className="scroll-x">
            <table className="tasks" aria-labelledby="per-moderator">
              <thead>
                <tr>
                  <th scope="col">Moderator</th>
                  <th scope="col">Decided</th>
                  <th scope="col">Median time to decision</th>
                  <th scope="col">Undone</th>
                  <th scope="col">Escalated</th>
                </tr>
              </thead>
              <tbody>
                {stats.moderators.map((m) => (
                  <tr key={m.moderator_id}>
                    <th scope="row">{m.display_name}</th>
                    <td>{m.decisions}</td>
                    <td>{secs(m.median_decision_seconds)}</td>
                    <td>{m.undone}</td>
                    <td>{m.escalations}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 id="per-queue">Per queue</h2>
          <div className="scroll-x">
            <table className="tasks" aria-labelledby="per-queue">
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col">Decided</th>
                  <th scope="col">Median time to decision</th>
                  <th scope="col">Decided late</th>
                  <th scope="col">Past due now</th>
                  <th scope="col">Escalated from here</th>
                </tr>
              </thead>
              <tbody>
                {stats.queues.map((q) => (
                  <tr key={q.queue_id}>
                    <th scope="row">{q.name}</th>
                    <td>{q.decisions}</td>
                    <td>{secs(q.median_decision_seconds)}</td>
                    <td>{q.sla_breaches}</td>
                    <td>{q.overdue_open}</td>
                    <td>{q.escalations}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">
            Decided counts final decisions (approve, remove, age restrict). An escalation counts in the queue
            it was made from, under Escalated, not as a decision; the senior queue counts the task when it is
            decided there. Time to decision and lateness cover decisions and escalations alike.
          </p>
        </>
      )}
      <h2 id="audit-title">Audit log</h2>
      <form className="filters" aria-label="Filter the audit log" onSubmit={applyFilter}>
        <label>
          Action
          <select name="action" defaultValue="">
            <option value="">any</option>
            <option value="review.">review (all)</option>
            <option value="review.decided">review.decided</option>
            <option value="review.undone">review.undone</option>
            <option value="review.escalated">review.escalated</option>
            <option value="moderator.">moderator accounts</option>
            <option value="review_queue.">queues</option>
            <option value="author.">author actions (all)</option>
            <option value="author.warn">author.warn</option>
            <option value="author.mute">author.mute</option>
            <option value="author.suspend">author.suspend</option>
            <option value="author.lifted">author.lifted</option>
            <option value="report.opened">report.opened</option>
            <option value="appeal.opened">appeal.opened</option>
          </select>
        </label>
        <label>
          Actor
          <input name="actor" placeholder="username or moderator:…" size={18} />
        </label>
        <label>
          Tenant
          <input name="tenant_id" size={10} />
        </label>
        <label>
          Since
          <input name="since" type="datetime-local" />
        </label>
        <button type="submit">Apply</button>
        <a className="button-link" href={`/review/admin/audit.csv?${auditQuery(filter)}`} download>
          Export CSV
        </a>
      </form>
      {!entries ? <p className="loading">Loading the audit log…</p> : <AuditTable entries={entries} />}
    </section>
  );
}
