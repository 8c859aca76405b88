import type { ReactNode } from 'react';

interface AppHeaderProps {
  title: string;
  userName?: string;
  onLogout?: () => void;
  children?: ReactNode;
}

/** The top bar of the staff pages. */
export function AppHeader({ title, userName, onLogout, children }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header-title">
        <a href="/" className="brand">
          livedesk
        </a>
        <span className="app-header-page">{title}</span>
      </div>
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
