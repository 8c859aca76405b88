const labels: Record<string, string> = {
  active: 'Active',
  idle: 'Idle',
  in_call: 'In call',
  offline: 'Offline',
  waiting: 'Waiting',
  closed: 'Closed',
};

/** A coloured dot plus its label (the colour is never the only signal). */
export function StatusDot({ status, hideLabel }: { status: string; hideLabel?: boolean }) {
  return (
    <span className={`status-dot status-${status}`}>
      <span className="dot" aria-hidden="true" />
      <span className={hideLabel ? 'visually-hidden' : undefined}>{labels[status] ?? status}</span>
    </span>
  );
}
