import type { Session } from '../../../api/types';
import { MessageList, type DisplayMessage } from '../../../components/message-list';
import { type AgentState, myMessageStatus } from '../hooks/agent-state';
import { Composer } from './composer';

interface Props {
  session: Session;
  state: AgentState;
  onSend: (body: string) => void;
  onTyping: (isTyping: boolean) => void;
  onClose: () => void;
  onBack: () => void;
}

export function ConversationView({ session, state, onSend, onTyping, onClose, onBack }: Props) {
  const id = session.id;
  const messages: DisplayMessage[] = [
    ...(state.messages[id] ?? []).map((m) => ({
      ...m,
      key: `s${m.seq}`,
      status: m.sender_type === 'agent' ? myMessageStatus(state, id, m) : m.status,
    })),
    ...(state.pending[id] ?? []).map((p) => ({
      key: `p${p.client_msg_id}`,
      seq: Number.MAX_SAFE_INTEGER,
      sender_type: 'agent' as const,
      body: p.body,
      created_at: p.created_at,
      status: 'sent' as const,
      pending: !p.failed,
      failed: p.failed,
    })),
  ];
  const closed = session.status === 'closed';
  return (
    <section className="panel conversation" aria-label={`Chat with ${session.customer.name}`} data-testid="conversation">
      <header className="panel-header">
        <button type="button" className="btn btn-ghost btn-small back-button" onClick={onBack} aria-label="Back to chats">
          ←
        </button>
        <div className="conversation-title">
          <h2>{session.customer.name}</h2>
          <span className="muted small">
            {session.customer.email}
            {session.subject ? ` · ${session.subject}` : ''}
          </span>
        </div>
        {!closed ? (
          <button type="button" className="btn btn-small btn-danger" onClick={onClose}>
            Close chat
          </button>
        ) : (
          <span className="badge">Closed</span>
        )}
      </header>
      <MessageList
        messages={messages}
        self="agent"
        showReceipts
        typingLabel={state.typing[id] ? `${session.customer.name} is typing…` : null}
      />
      {closed ? (
        <p className="muted conversation-closed">This chat is closed.</p>
      ) : (
        <Composer onSend={onSend} onTyping={onTyping} />
      )}
    </section>
  );
}
