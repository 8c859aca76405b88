import type { ReactNode } from 'react';
import type { Role } from '../api/types';

interface AppHeaderProps {
  title: string;
  userName?: string;
  /** The signed-in user's role: picks the page links (every staff member gets the Conversations page). */
  role?: Role;
  onLogout?: () => void;
  children?: ReactNode;
}

/** The top bar of the staff pages. */
export function AppHeader({ title, userName, role, onLogout, children }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header-title">
        <a href="/" className="brand">
          livedesk
        </a>
        <span className="app-header-page">{title}</span>
      </div>
      {userName ? (
        <nav className="app-header-nav" aria-label="Pages">
          <a href="/agent">Console</a>
          {role === 'supervisor' || role === 'admin' ? <a href="/dashboard">Dashboard</a> : null}
          <a href="/conversations">Conversations</a>
        </nav>
      ) : null}
      <div className="app-header-status">{children}</div>
      {userName ? (
        <div className="app-header-user">
          <span>{userName}</span>
          {onLogout ? (
            <button type="button" className="btn btn-ghost" onClick={onLogout}>
              Log out
            </button>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}
