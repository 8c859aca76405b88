import type { Session } from '../../../api/types';
import { FlashValue } from '../../../components/flash-value';
import { formatDuration, formatRelative, secondsSince } from '../../../components/format';
import { EmptyState, Panel } from '../../../components/panel';
import { useNow } from '../../../components/use-now';

interface Props {
  sessions: Session[] | null;
  error: string | null;
  onRefresh: () => void;
  onOpen: (id: number) => void;
  selectedId: number | null;
}

export function ActiveSessionsPanel({ sessions, error, onRefresh, onOpen, selectedId }: Props) {
  const now = useNow(5000);
  const sorted = sessions ? [...sessions].sort((a, b) => b.unread_count - a.unread_count || a.id - b.id) : [];
  return (
    <Panel
      title={`Active sessions${sessions ? ` (${sessions.length})` : ''}`}
      id="active-sessions"
      loading={!sessions && !error}
      error={error}
      className="panel-span2"
      actions={
        <button type="button" className="btn btn-small" onClick={onRefresh}>
          Refresh
        </button>
      }
    >
      {sorted.length === 0 ? (
        <EmptyState title="No active chats right now">Chats show up here once an agent picks them up.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Agent</th>
                <th scope="col">Subject / last message</th>
                <th scope="col">Duration</th>
                <th scope="col">Unread</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((s) => (
                <tr
                  key={s.id}
                  className={`clickable${s.id === selectedId ? ' is-selected' : ''}`}
                  onClick={() => onOpen(s.id)}
                  data-testid="active-session-row"
                >
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(s.id);
                      }}
                    >
                      {s.customer.name}
                    </button>
                    <div className="muted small">{s.customer.email}</div>
                  </td>
                  <td>{s.agent?.name ?? '—'}</td>
                  <td>
                    {s.subject ? <div className="truncate">{s.subject}</div> : null}
                    <div className="muted small truncate">{s.last_message?.body ?? ''}</div>
                  </td>
                  <td>
                    {formatDuration(secondsSince(s.assigned_at ?? s.created_at, now))}
                    <div className="muted small">since {formatRelative(s.assigned_at ?? s.created_at, now)}</div>
                  </td>
                  <td>
                    {s.unread_count > 0 ? (
                      <FlashValue value={s.unread_count} className="badge badge-unread">
                        {s.unread_count}
                      </FlashValue>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
