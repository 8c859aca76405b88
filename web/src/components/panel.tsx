import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Extra controls in the header (refresh button, badges). */
  actions?: ReactNode;
  loading?: boolean;
  error?: string | null;
  children?: ReactNode;
  className?: string;
  id?: string;
}

/** A titled card; shows a shimmer while loading and a message on error. */
export function Panel({ title, actions, loading, error, children, className, id }: PanelProps) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-labelledby={headingId} id={id}>
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body" aria-busy={loading ? true : undefined}>
        {error ? <p className="panel-error" role="alert">{error}</p> : null}
        {loading ? <Shimmer /> : children}
      </div>
    </section>
  );
}

export function Shimmer({ lines = 3 }: { lines?: number }) {
  return (
    <div className="shimmer-block" aria-label="Loading">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="shimmer" />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <p className="empty-text">{children}</p> : null}
    </div>
  );
}
