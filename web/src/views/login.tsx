import { useState, type FormEvent } from 'react';
import { useApp } from '../context.tsx';

/** Sign-in with a local account. The server sets an HttpOnly session cookie and hands out a CSRF token. */
export function LoginView() {
  const { api, setSession, navigate, path } = useApp();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.login(name, password).then(
      (session) => {
        setSession(session);
        navigate(path === '/login' ? '/' : path, { replace: true });
      },
      (e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        setBusy(false);
      },
    );
  };

  return (
    <section className="login">
      <h1>Sign in</h1>
      <form onSubmit={submit} className="stack">
        <label>
          Name
          <input
            name="name"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== null && (
          <p className="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
