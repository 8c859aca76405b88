import type { Queue } from '../../../api/types';
import { FlashValue } from '../../../components/flash-value';
import { formatDuration, secondsSince } from '../../../components/format';
import { EmptyState, Panel } from '../../../components/panel';
import { useNow } from '../../../components/use-now';

/** A wait longer than this is marked critical. */
export const CRITICAL_WAIT_SECONDS = 120;

export function WaitingQueuePanel({ queue, error }: { queue: Queue | null; error: string | null }) {
  const now = useNow(1000);
  const waits = (queue?.sessions ?? []).map((s) => ({ s, wait: secondsSince(s.created_at, now) ?? s.wait_seconds }));
  const critical = waits.filter((w) => w.wait > CRITICAL_WAIT_SECONDS).length;
  return (
    <Panel
      title="Waiting queue"
      id="waiting-queue"
      loading={!queue && !error}
      error={error}
      actions={
        queue ? (
          <>
            <span className="badge" data-testid="queue-depth">
              <FlashValue value={queue.depth}>{queue.depth} waiting</FlashValue>
            </span>
            {critical > 0 ? <span className="badge badge-critical">{critical} critical</span> : null}
          </>
        ) : null
      }
    >
      {queue ? (
        <>
          <dl className="inline-stats">
            <div>
              <dt>Average wait</dt>
              <dd>
                <FlashValue value={queue.avg_wait_seconds}>{formatDuration(queue.avg_wait_seconds)}</FlashValue>
              </dd>
            </div>
            <div>
              <dt>Longest wait</dt>
              <dd>{formatDuration(waits.length ? Math.max(...waits.map((w) => w.wait)) : null)}</dd>
            </div>
          </dl>
          {waits.length === 0 ? (
            <EmptyState title="Nobody is waiting">All customers are being helped. New chats appear here.</EmptyState>
          ) : (
            <ol className="queue-list">
              {waits.map(({ s, wait }, i) => (
                <li key={s.id} className={`queue-item${wait > CRITICAL_WAIT_SECONDS ? ' is-critical' : ''}`} data-testid="queue-item">
                  <span className="queue-pos">{i + 1}</span>
                  <span className="queue-who">
                    <strong>{s.customer.name}</strong>
                    <span className="muted small truncate">{s.subject ?? s.last_message?.body ?? ''}</span>
                  </span>
                  <span className="queue-wait">
                    {formatDuration(wait)}
                    {wait > CRITICAL_WAIT_SECONDS ? <span className="badge badge-critical">critical</span> : null}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </Panel>
  );
}
