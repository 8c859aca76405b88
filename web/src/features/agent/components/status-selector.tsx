import type { AgentStatus } from '../../../api/types';

const options: { value: AgentStatus; label: string }[] = [
  { value: 'active', label: 'Active (taking chats)' },
  { value: 'idle', label: 'Idle (away)' },
  { value: 'in_call', label: 'Busy (in call)' },
  { value: 'offline', label: 'Offline' },
];

export function StatusSelector({ status, onChange }: { status: AgentStatus | null; onChange: (s: AgentStatus) => void }) {
  return (
    <label className="status-selector">
      <span className={`status-dot status-${status ?? 'offline'}`}>
        <span className="dot" aria-hidden="true" />
      </span>
      <span className="visually-hidden">My status</span>
      <select
        aria-label="My status"
        data-testid="status-select"
        value={status ?? ''}
        onChange={(e) => onChange(e.target.value as AgentStatus)}
      >
        {status === null ? <option value="">Connecting…</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
