import { MessageList } from '../../../components/message-list';
import { StatusDot } from '../../../components/status-dot';
import { Shimmer } from '../../../components/panel';
import { useSessionUpdates } from '../hooks/use-session-updates';

/** Read-only view of one conversation for a supervisor, live. */
export function ConversationDrawer({ sessionId, onClose }: { sessionId: number; onClose: () => void }) {
  const { session, messages, typing, error, loading } = useSessionUpdates(sessionId);
  return (
    <aside className="drawer" aria-label="Conversation" data-testid="conversation-drawer">
      <header className="drawer-header">
        <div>
          <h2>{session ? session.customer.name : `Chat #${sessionId}`}</h2>
          {session ? (
            <p className="muted small">
              <StatusDot status={session.status} /> · {session.agent ? `with ${session.agent.name}` : 'no agent yet'}
              {session.subject ? ` · ${session.subject}` : ''}
            </p>
          ) : null}
        </div>
        <button type="button" className="btn btn-ghost" onClick={onClose} aria-label="Close conversation">
          ✕
        </button>
      </header>
      {error ? <p className="panel-error">{error}</p> : null}
      {loading ? (
        <Shimmer lines={5} />
      ) : (
        <MessageList
          self="agent"
          showReceipts
          messages={messages.map((m) => ({ ...m, key: String(m.seq) }))}
          typingLabel={typing ? `${typing === 'customer' ? 'Customer' : 'Agent'} is typing…` : null}
        />
      )}
    </aside>
  );
}
