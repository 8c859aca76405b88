import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatDuration } from '../../../components/format';
import { MessageList, type DisplayMessage } from '../../../components/message-list';
import { useCustomerChat } from '../hooks/use-customer-chat';
import type { CustomerCredentials } from '../realtime/create-customer-connection';
import { RatingForm } from './rating-form';

/** The live chat of one started session. */
export function ChatSessionView({ creds, onNewChat }: { creds: CustomerCredentials; onNewChat: () => void }) {
  const { state, status, send, typing, close, rate } = useCustomerChat(creds);
  const [text, setText] = useState('');
  const typingOn = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (idle.current) clearTimeout(idle.current);
  }, []);

  const session = state.session;
  const closed = session?.status === 'closed';
  const stopTyping = () => {
    if (idle.current) clearTimeout(idle.current);
    if (typingOn.current) {
      typingOn.current = false;
      typing(false);
    }
  };
  const change = (v: string) => {
    setText(v);
    if (!v.trim()) return stopTyping();
    if (!typingOn.current) {
      typingOn.current = true;
      typing(true);
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, 3000);
  };
  const submit = () => {
    const body = text.trim();
    if (!body) return;
    void send(body);
    setText('');
    stopTyping();
  };
  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const messages: DisplayMessage[] = [
    ...state.messages.map((m) => ({
      ...m,
      key: `s${m.seq}`,
      status: m.sender_type === 'customer' && state.agentReadSeq >= m.seq ? ('read' as const) : m.status,
    })),
    ...state.pending.map((p) => ({
      key: `p${p.client_msg_id}`,
      seq: Number.MAX_SAFE_INTEGER,
      sender_type: 'customer' as const,
      body: p.body,
      created_at: p.created_at,
      status: 'sent' as const,
      pending: !p.failed,
      failed: p.failed,
    })),
  ];

  return (
    <div className="ldw-session">
      <div className="ldw-state" role="status" aria-live="polite" data-testid="widget-state">
        {status !== 'live' && !closed ? <span className="ldw-muted">Reconnecting…</span> : null}
        {session?.status === 'waiting' ? (
          <span data-testid="widget-queue">
            You are number <strong>{state.position ?? session.queue_position ?? '…'}</strong> in the queue
            {state.estimatedWait !== null ? <> · about {formatDuration(state.estimatedWait)} wait</> : null}
          </span>
        ) : null}
        {session?.status === 'active' ? <span>You are chatting with {session.agent?.name ?? 'an agent'}</span> : null}
        {closed ? <span>This chat has ended.</span> : null}
      </div>
      <MessageList
        messages={messages}
        self="customer"
        showReceipts
        typingLabel={state.agentTyping ? `${session?.agent?.name ?? 'Agent'} is typing…` : null}
      />
      {state.error ? <p className="ldw-error">{state.error}</p> : null}
      {closed ? (
        state.rated ? (
          <div className="ldw-done">
            <p>Thank you for your feedback!</p>
            <button type="button" className="ldw-btn" onClick={onNewChat}>
              Start a new chat
            </button>
          </div>
        ) : (
          <>
            <RatingForm onRate={(r, c) => void rate(r, c)} />
            <button type="button" className="ldw-btn ldw-link" onClick={onNewChat}>
              Skip and start a new chat
            </button>
          </>
        )
      ) : (
        <>
          <form
            className="ldw-composer"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <textarea
              aria-label="Your message"
              placeholder="Type a message…"
              rows={2}
              maxLength={8192}
              value={text}
              onChange={(e) => change(e.target.value)}
              onKeyDown={keyDown}
              data-testid="widget-composer"
            />
            <button type="submit" className="ldw-btn ldw-btn-primary" disabled={!text.trim()}>
              Send
            </button>
          </form>
          <button type="button" className="ldw-btn ldw-link" onClick={() => void close()}>
            End chat
          </button>
        </>
      )}
    </div>
  );
}
