import { useMemo } from 'react';
import type { Session } from '../../../api/types';
import type { ConnectionManager } from '../../../services/websocket';
import { MessageList, type DisplayMessage } from '../../../components/message-list';
import { getAttachment } from '../api/get-attachment';
import { getCannedResponses } from '../api/get-canned-responses';
import { postRenderCannedResponse } from '../api/post-render-canned-response';
import { type AgentState, myMessageStatus } from '../hooks/agent-state';
import { ChatTags } from './chat-tags';
import { Composer, type CannedSource } from './composer';
import { WhisperPanel } from './whisper-panel';

interface Props {
  session: Session;
  state: AgentState;
  /** The agent socket (live tag changes). */
  manager: ConnectionManager;
  me: number;
  supervisor: boolean;
  onSend: (body: string) => void;
  onTyping: (isTyping: boolean) => void;
  onClose: () => void;
  onBack: () => void;
  onTransfer: () => void;
  onAssign: () => void;
  onBlock: () => void;
}

export function ConversationView({ session, state, manager, me, supervisor, onSend, onTyping, onClose, onBack, onTransfer, onAssign, onBlock }: Props) {
  const id = session.id;
  const canned: CannedSource = useMemo(
    () => ({
      search: async (q) => (await getCannedResponses(q)).canned_responses,
      render: async (c) => (await postRenderCannedResponse(c.id, id)).body,
    }),
    [id],
  );
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
  const mine = session.agent?.id === me;
  const pendingTransfer = state.outgoing[id];
  const pendingTo = pendingTransfer?.to_agent_id != null ? state.agents[pendingTransfer.to_agent_id]?.name || `agent #${pendingTransfer.to_agent_id}` : null;
  return (
    <section className="panel conversation" aria-label={`Chat with ${session.customer.name}`} data-testid="conversation">
      <header className="panel-header">
        <button type="button" className="btn btn-ghost btn-small back-button" onClick={onBack} aria-label="Back to chats">
          ←
        </button>
        <div className="conversation-title">
          <h2>{session.customer.name}</h2>
          <span className="muted small truncate-line">
            {session.customer.email}
            {session.subject ? ` · ${session.subject}` : ''}
          </span>
        </div>
        {!closed ? (
          <div className="panel-actions">
            {pendingTo ? (
              <span className="badge badge-pending" data-testid="transfer-pending">
                Waiting for {pendingTo}…
              </span>
            ) : null}
            {mine ? (
              <button type="button" className="btn btn-small" onClick={onTransfer} disabled={Boolean(pendingTransfer)}>
                Transfer…
              </button>
            ) : null}
            {supervisor ? (
              <>
                <button type="button" className="btn btn-small" onClick={onAssign}>
                  Assign…
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={onBlock}>
                  Block…
                </button>
              </>
            ) : null}
            <button type="button" className="btn btn-small btn-danger" onClick={onClose}>
              Close chat
            </button>
          </div>
        ) : (
          <span className="badge">Closed{session.close_reason ? `: ${session.close_reason}` : ''}</span>
        )}
      </header>
      <ChatTags sessionId={id} manager={manager} />
      <WhisperPanel whispers={state.whispers[id] ?? []} />
      <MessageList
        messages={messages}
        self="agent"
        showReceipts
        loadAttachment={getAttachment}
        typingLabel={state.typing[id] ? `${session.customer.name} is typing…` : null}
      />
      {closed ? (
        <p className="muted conversation-closed">This chat is closed.</p>
      ) : (
        <Composer onSend={onSend} onTyping={onTyping} canned={canned} />
      )}
    </section>
  );
}
