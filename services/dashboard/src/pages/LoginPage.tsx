import { useState, type FormEvent } from 'react';
import { api, ApiFailure, unwrap } from '../api/client';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Username and password form; on success the App reloads the session. */
export function LoginPage({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      unwrap(
        await api.POST('/review/session', {
          body: { username: String(form.get('username')), password: String(form.get('password')) },
        }),
      );
      await onLoggedIn();
    } catch (e) {
      // The API's messages start in lower case ("wrong username or password"); a sentence here.
      setError(e instanceof ApiFailure ? capitalise(e.message) : 'The server did not answer.');
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">Vigil review</h1>
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required autoFocus />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
