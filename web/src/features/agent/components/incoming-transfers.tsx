import type { Session, Transfer } from '../../../api/types';
import type { KnownAgent } from '../hooks/agent-state';

interface Props {
  transfers: Transfer[];
  sessions: Record<number, Session>;
  agents: Record<number, KnownAgent>;
  onAnswer: (t: Transfer, accept: boolean) => void;
}

/** Transfers offered to me, each with Accept and Decline (they expire after a minute). */
export function IncomingTransfers({ transfers, sessions, agents, onAnswer }: Props) {
  if (transfers.length === 0) return null;
  return (
    <section className="incoming-transfers" aria-label="Transfer requests" aria-live="assertive">
      {transfers.map((t) => {
        const from = agents[t.from_agent_id]?.name || `Agent #${t.from_agent_id}`;
        const customer = sessions[t.id]?.customer.name;
        return (
          <div key={t.id} className="transfer-request" role="group" aria-label={`Transfer request from ${from}`} data-testid="transfer-request">
            <div>
              <strong>{from}</strong> wants to hand you chat #{t.session_id}
              {customer ? ` with ${customer}` : ''}.
              {t.reason ? <div className="muted small">Reason: {t.reason}</div> : null}
            </div>
            <div className="row-actions">
              <button type="button" className="btn btn-small btn-primary" onClick={() => onAnswer(t, true)}>
                Accept
              </button>
              <button type="button" className="btn btn-small" onClick={() => onAnswer(t, false)}>
                Decline
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
