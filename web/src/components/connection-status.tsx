import type { ConnectionStatus } from '../services/websocket';
import { formatClock } from './format';

const messages: Record<ConnectionStatus, string> = {
  connecting: 'Connecting to the live feed…',
  live: 'Live: updates arrive as they happen.',
  reconnecting: 'Connection lost. Reconnecting…',
  polling: 'Live feed unavailable: refreshing by polling while reconnecting.',
  closed: 'Disconnected.',
};

export function LiveBadge({ status }: { status: ConnectionStatus }) {
  if (status !== 'live') return null;
  return (
    <span className="live-badge" data-testid="live-badge">
      <span className="live-dot" aria-hidden="true" />
      Live
    </span>
  );
}

/** The status line: what the connection does now and when data last arrived. */
export function ConnectionStatusBar({
  status,
  lastUpdateAt,
  fatalError,
  pollingText,
}: {
  status: ConnectionStatus;
  lastUpdateAt: number | null;
  fatalError?: string | null;
  /** What polling refreshes, said when the page polls. */
  pollingText?: string;
}) {
  const text = fatalError
    ? `Disconnected: ${fatalError.replace(/_/g, ' ')}. Please log in again.`
    : status === 'polling' && pollingText
      ? pollingText
      : messages[status];
  return (
    <div className={`connection-bar connection-${status}`} role="status" aria-live="polite" data-status={status}>
      <span>{text}</span>
      <span className="connection-updated">Last update: {formatClock(lastUpdateAt)}</span>
    </div>
  );
}
