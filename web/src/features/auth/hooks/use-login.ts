import { useCallback, useState } from 'react';
import type { User } from '../../../api/types';
import { ApiError } from '../../../services/http-client';
import { saveAuth } from '../../../services/auth-token';
import { postLogin } from '../api/post-login';

/** Where each role lands after logging in. */
export function homeFor(user: User): string {
  return user.role === 'agent' ? '/agent' : '/dashboard';
}

export function useLogin(onDone: (user: User) => void) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const login = useCallback(
    async (username: string, password: string) => {
      setPending(true);
      setError(null);
      try {
        const res = await postLogin(username, password);
        saveAuth({ token: res.access_token, user: res.user });
        onDone(res.user);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'invalid_credentials') setError('Wrong username or password.');
        else if (err instanceof ApiError && err.status === 429) setError('Too many attempts. Wait a minute and try again.');
        else setError(err instanceof Error ? err.message : 'Login failed.');
      } finally {
        setPending(false);
      }
    },
    [onDone],
  );
  return { login, pending, error };
}
