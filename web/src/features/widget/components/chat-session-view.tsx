import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatBytes } from '../../../components/attachment-view';
import { formatDuration } from '../../../components/format';
import { MessageList, type DisplayMessage } from '../../../components/message-list';
import { useCustomerChat } from '../hooks/use-customer-chat';
import type { CustomerCredentials } from '../realtime/create-customer-connection';
import { RatingForm } from './rating-form';

/** The live chat of one started session. */
export function ChatSessionView({ creds, onNewChat }: { creds: CustomerCredentials; onNewChat: () => void }) {
  const { state, status, send, sendFile, loadAttachment, typing, close, rate } = useCustomerChat(creds);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
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
    if (file) {
      void sendFile(file, body);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    } else if (body) {
      void send(body);
    } else {
      return;
    }
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
      body: p.fileName ? `${p.fileName}${p.body ? ` · ${p.body}` : ''}` : p.body,
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
        loadAttachment={loadAttachment}
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
          {file ? (
            <div className="ldw-file" data-testid="widget-file">
              <span title={file.name}>
                {file.name} · {formatBytes(file.size)}
              </span>
              <button
                type="button"
                aria-label={`Remove ${file.name}`}
                onClick={() => {
                  setFile(null);
                  if (fileInput.current) fileInput.current.value = '';
                  textArea.current?.focus();
                }}
              >
                ✕
              </button>
            </div>
          ) : null}
          <form
            className="ldw-composer"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <input
              ref={fileInput}
              type="file"
              className="ldw-hidden"
              tabIndex={-1}
              aria-hidden="true"
              accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,audio/*,video/mp4,video/webm,video/quicktime"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                textArea.current?.focus();
              }}
              data-testid="widget-file-input"
            />
            <button type="button" className="ldw-attach" aria-label="Attach a file" title="Attach a file (up to 10 MB)" onClick={() => fileInput.current?.click()}>
              <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  d="M20 11.5 12.2 19.3a5 5 0 0 1-7.1-7.1l8-8a3.3 3.3 0 0 1 4.7 4.7l-8 8a1.7 1.7 0 0 1-2.4-2.4l7.3-7.3"
                />
              </svg>
            </button>
            <textarea
              ref={textArea}
              aria-label="Your message"
              placeholder={file ? 'Add a caption (optional)…' : 'Type a message…'}
              rows={2}
              maxLength={8192}
              value={text}
              onChange={(e) => change(e.target.value)}
              onKeyDown={keyDown}
              data-testid="widget-composer"
            />
            <button type="submit" className="ldw-btn ldw-btn-primary" disabled={!text.trim() && !file}>
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
