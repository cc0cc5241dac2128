import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/http.ts';
import { Logo } from '../shell/Logo.tsx';

interface Props {
  readonly onSignIn: (username: string, password: string) => Promise<void>;
  /** why the user is here, e.g. an expired session */
  readonly notice: string | undefined;
}

function messageOf(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'invalid-credentials') return 'Wrong username or password.';
    if (err.code === 'rate-limited') {
      return `Too many failed sign-ins. ${err.message.replace(/^too many failed logins; /, 'Try again ').replace(/ s$/, ' seconds')}.`;
    }
    if (err.code === 'unreachable')
      return 'The netcanvas server is not reachable. Check that it is running.';
    return err.message;
  }
  return String(err);
}

/** Sign in with a username and password; the server sets an HttpOnly session cookie. */
export function LoginPage({ onSignIn, notice }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(username.trim(), password);
    } catch (err) {
      setError(messageOf(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-label="Sign in" noValidate>
        <div className="login-brand">
          <Logo />
          <span className="brand-name">netcanvas</span>
        </div>
        <h1>Sign in</h1>
        <p className="login-sub">Design, apply and watch your virtual networks.</p>
        {notice && !error && (
          <div className="login-notice" role="status" data-testid="login-notice">
            {notice}
          </div>
        )}
        {error && (
          <div className="login-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <label className="field">
          <span>Username</span>
          <input
            name="username"
            autoComplete="username"
            // biome-ignore lint/a11y/noAutofocus: the page has one task
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
