import { useState, type FormEvent } from 'react';
import type { User } from '../../../api/types';
import { useLogin } from '../hooks/use-login';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (user: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { login, pending, error } = useLogin(onLoggedIn);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login(username.trim(), password);
  };

  return (
    <main className="login-page">
      <form className="card login-card" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <h1>Sign in to livedesk</h1>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
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
        {error ? (
          <p id="login-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">
          Demo server (<code>--demo</code>): <code>supervisor</code> / <code>supervisor-demo-pass</code>, agent{' '}
          <code>alice</code> / <code>agent-demo-pass</code>.
        </p>
      </form>
    </main>
  );
}
