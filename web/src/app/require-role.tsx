import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Role, User } from '../api/types';

/** Renders children for a logged-in user with one of `roles`; otherwise sends them to /login. */
export function RequireRole({
  user,
  roles,
  children,
}: {
  user: User | null;
  roles: Role[];
  children: ReactNode;
}) {
  if (!user) return <Navigate to="/login" replace />;
  if (!roles.includes(user.role)) {
    return (
      <main className="login-page">
        <div className="card">
          <h1>Not for your role</h1>
          <p>
            You are signed in as <strong>{user.username}</strong> ({user.role}). This page needs{' '}
            {roles.join(' or ')}.
          </p>
          <a href={user.role === 'agent' ? '/agent' : '/dashboard'}>Go to your page</a>
        </div>
      </main>
    );
  }
  return <>{children}</>;
}
