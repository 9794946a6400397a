import { useCallback, useEffect, useState } from 'react';
import { LiveAnnouncer } from './announce';
import { WellnessBreakPrompt, WellnessCounter } from './components/WellnessBar';
import { WellnessProvider } from './components/WellnessContext';
import { NoSuchQueue, queueMissing } from './components/NoSuchQueue';
import { NotAllowed } from './components/NotAllowed';
import { WellnessSettings } from './components/WellnessSettings';
import { UndoBar } from './undo';
import { api, ApiFailure, unwrap, type Catalogue, type Me } from './api/client';
import { AdminPage } from './pages/AdminPage';
import { ItemPage } from './pages/ItemPage';
import { LoginPage } from './pages/LoginPage';
import { QueuePage } from './pages/QueuePage';
import { QueuesPage } from './pages/QueuesPage';
import { TeamPage } from './pages/TeamPage';
import { Link, navigate, useRoute } from './router';

type Session = { state: 'loading' } | { state: 'anonymous' } | { state: 'in'; me: Me; catalogue: Catalogue };

/** Loads the session; shows the login page until there is one, then the page of the current route. */
export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const load = useCallback(async () => {
    try {
      const me = unwrap(await api.GET('/review/session'));
      const catalogue = unwrap(await api.GET('/review/catalogue'));
      setSession({ state: 'in', me, catalogue });
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) setSession({ state: 'anonymous' });
      else throw error;
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // A queue outside the moderator's membership: the session is read again once (an admin may have just
  // added them); still outside, the page says "Not allowed" instead of a queue whose every call is refused,
  // or "No such queue" when the API knows no queue of that id (a typo, an old link).
  const queueId = route.name === 'queue' || route.name === 'item' ? route.queue : null;
  const outside =
    session.state === 'in' &&
    queueId !== null &&
    session.me.role !== 'admin' &&
    !session.me.queues.includes(queueId);
  const [recheckedFor, setRecheckedFor] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!outside || queueId === null || recheckedFor === queueId) return;
    void Promise.all([load(), queueMissing(queueId).catch(() => false)])
      .then(([, gone]) => setMissing(gone))
      .finally(() => setRecheckedFor(queueId));
  }, [outside, queueId, recheckedFor, load]);

  if (session.state === 'loading') return <p className="loading">Loading…</p>;
  if (session.state === 'anonymous') return <LoginPage onLoggedIn={load} />;

  const { me, catalogue } = session;
  /** Logging out starts the next login on the queue list, not on this person's page (an admin page). */
  const logout = async () => {
    await api.DELETE('/review/session');
    navigate({ name: 'queues' }, { replace: true });
    setSession({ state: 'anonymous' });
  };

  return (
    <WellnessProvider>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" to={{ name: 'queues' }}>
          Vigil review
        </Link>
        <nav aria-label="Main">
          <Link to={{ name: 'queues' }}>Queues</Link>
          {me.role === 'admin' && <Link to={{ name: 'team' }}>Team</Link>}
          {me.role === 'admin' && <Link to={{ name: 'admin' }}>Admin</Link>}
          <Link to={{ name: 'settings' }}>Wellness</Link>
        </nav>
        <WellnessCounter />
        <span className="whoami">
          {me.display_name} <span className="role">{me.role}</span>
        </span>
        <button type="button" className="link" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      <UndoBar />
      <WellnessBreakPrompt />
      <main id="main">
        {route.name === 'queues' && <QueuesPage />}
        {route.name === 'settings' && <WellnessSettings />}
        {outside &&
          queueId !== null &&
          (recheckedFor !== queueId ? (
            <p className="loading">Loading…</p>
          ) : missing ? (
            <NoSuchQueue queueId={queueId} />
          ) : (
            <NotAllowed>
              You are not a member of the queue <strong>{queueId}</strong>. Ask an admin to add you, or pick
              one of <Link to={{ name: 'queues' }}>your queues</Link>.
            </NotAllowed>
          ))}
        {!outside && route.name === 'queue' && (
          <QueuePage key={route.queue} queueId={route.queue} me={me} catalogue={catalogue} />
        )}
        {!outside && route.name === 'item' && (
          <ItemPage
            key={route.task}
            queueId={route.queue}
            taskId={route.task}
            me={me}
            catalogue={catalogue}
          />
        )}
        {(route.name === 'admin' || route.name === 'team') &&
          (me.role === 'admin' ? (
            route.name === 'team' ? (
              <TeamPage />
            ) : (
              <AdminPage me={me} />
            )
          ) : (
            <NotAllowed>
              The admin pages are for admins; your role is <strong>{me.role}</strong>. Ask an admin if you
              need access.
            </NotAllowed>
          ))}
      </main>
      <LiveAnnouncer />
    </WellnessProvider>
  );
}
