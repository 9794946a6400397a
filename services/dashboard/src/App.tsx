import { useCallback, useEffect, useState } from 'react';
import { LiveAnnouncer } from './announce';
import { WellnessBreakPrompt, WellnessCounter } from './components/WellnessBar';
import { WellnessProvider } from './components/WellnessContext';
import { WellnessSettings } from './components/WellnessSettings';
import { UndoBar } from './undo';
import { api, ApiFailure, unwrap, type Catalogue, type Me } from './api/client';
import { AdminPage } from './pages/AdminPage';
import { ItemPage } from './pages/ItemPage';
import { LoginPage } from './pages/LoginPage';
import { QueuePage } from './pages/QueuePage';
import { QueuesPage } from './pages/QueuesPage';
import { TeamPage } from './pages/TeamPage';
import { Link, useRoute } from './router';

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

  if (session.state === 'loading') return <p className="loading">Loading…</p>;
  if (session.state === 'anonymous') return <LoginPage onLoggedIn={load} />;

  const { me, catalogue } = session;
  const logout = async () => {
    await api.DELETE('/review/session');
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
        {route.name === 'queue' && (
          <QueuePage key={route.queue} queueId={route.queue} me={me} catalogue={catalogue} />
        )}
        {route.name === 'item' && (
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
              <AdminPage />
            )
          ) : (
            <section className="not-allowed" aria-labelledby="not-allowed">
              <h1 id="not-allowed">Not allowed</h1>
              <p>
                The admin pages are for admins; your role is <strong>{me.role}</strong>. Ask an admin if you
                need access.
              </p>
            </section>
          ))}
      </main>
      <LiveAnnouncer />
    </WellnessProvider>
  );
}
