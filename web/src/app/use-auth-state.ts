import { useCallback, useEffect, useState } from 'react';
import type { User } from '../api/types';
import { clearAuth, loadAuth, type StoredAuth } from '../services/auth-token';
import { onUnauthorized } from '../services/http-client';

/** The logged-in staff user of this tab (token in sessionStorage). */
export function useAuthState() {
  const [auth, setAuth] = useState<StoredAuth | null>(() => loadAuth());
  const logout = useCallback(() => {
    clearAuth();
    setAuth(null);
  }, []);
  const loggedIn = useCallback((_user: User) => setAuth(loadAuth()), []);
  useEffect(() => {
    onUnauthorized(logout);
    return () => onUnauthorized(null);
  }, [logout]);
  return { auth, logout, loggedIn };
}
