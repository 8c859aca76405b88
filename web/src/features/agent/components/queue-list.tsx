import type { Session } from '../../../api/types';
import { formatDuration, secondsSince } from '../../../components/format';
import { EmptyState, Panel } from '../../../components/panel';
import { useNow } from '../../../components/use-now';

interface Props {
  queue: Session[];
  /** Agents take chats; supervisors assign them instead. */
  onTake?: (id: number) => void;
  onAssign?: (session: Session) => void;
  onBlock?: (session: Session) => void;
}

export function QueueList({ queue, onTake, onAssign, onBlock }: Props) {
  const now = useNow(1000);
  return (
    <Panel title={`Queue (${queue.length})`} id="agent-queue">
      {queue.length === 0 ? (
        <EmptyState title="Queue is empty">{onTake ? 'New chats are routed to you while you are active.' : 'Nobody is waiting.'}</EmptyState>
      ) : (
        <ul className="queue-list">
          {queue.map((s) => {
            const wait = secondsSince(s.created_at, now) ?? s.wait_seconds;
            return (
              <li key={s.id} className={`queue-item${wait > 120 ? ' is-critical' : ''}`} data-testid="agent-queue-item">
                <span className="queue-who">
                  <strong>{s.customer.name}</strong>
                  <span className="muted small truncate">{s.subject ?? s.last_message?.body ?? ''}</span>
                </span>
                <span className="queue-wait">{formatDuration(wait)}</span>
                <span className="row-actions">
                  {onTake ? (
                    <button type="button" className="btn btn-small btn-primary" onClick={() => onTake(s.id)}>
                      Take
                    </button>
                  ) : null}
                  {onAssign ? (
                    <button type="button" className="btn btn-small" onClick={() => onAssign(s)} aria-label={`Assign ${s.customer.name}`}>
                      Assign…
                    </button>
                  ) : null}
                  {onBlock ? (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => onBlock(s)} aria-label={`Block ${s.customer.name}`}>
                      Block…
                    </button>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
