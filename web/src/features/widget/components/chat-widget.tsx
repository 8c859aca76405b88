import { useState } from 'react';
import type { StartChatRequest } from '../../../api/types';
import { ApiError } from '../../../services/http-client';
import { postChatSession } from '../api/post-chat-session';
import type { CustomerCredentials } from '../realtime/create-customer-connection';
import { ChatSessionView } from './chat-session-view';
import { StartForm } from './start-form';

const storageKey = (origin: string) => `livedesk.widget:${origin}`;

function loadCreds(origin: string): CustomerCredentials | null {
  try {
    const raw = localStorage.getItem(storageKey(origin));
    if (!raw) return null;
    const v = JSON.parse(raw) as { sessionId: number; token: string };
    return typeof v.sessionId === 'number' && typeof v.token === 'string' ? { origin, ...v } : null;
  } catch {
    return null;
  }
}

/** The chat bubble and its panel. A started chat survives a page reload (localStorage). */
export function ChatWidget({ origin }: { origin: string }) {
  const [open, setOpen] = useState(false);
  const [creds, setCreds] = useState<CustomerCredentials | null>(() => loadCreds(origin));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async (req: StartChatRequest) => {
    setPending(true);
    setError(null);
    try {
      const res = await postChatSession(origin, req);
      const next = { origin, sessionId: res.session_id, token: res.customer_token };
      try {
        localStorage.setItem(storageKey(origin), JSON.stringify({ sessionId: next.sessionId, token: next.token }));
      } catch {
        /* private mode: the chat still works until reload */
      }
      setCreds(next);
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'customer_blocked'
          ? 'Sorry, this address cannot start chats.'
          : err instanceof Error
            ? err.message
            : 'Could not start the chat.',
      );
    } finally {
      setPending(false);
    }
  };

  const newChat = () => {
    try {
      localStorage.removeItem(storageKey(origin));
    } catch {
      /* ignore */
    }
    setCreds(null);
  };

  return (
    <div className="ldw-root">
      {open ? (
        <div className="ldw-panel" role="dialog" aria-label="Chat with support" data-testid="widget-panel">
          <header className="ldw-header">
            <strong>Chat with us</strong>
            <button type="button" className="ldw-icon" aria-label="Minimize chat" onClick={() => setOpen(false)}>
              –
            </button>
          </header>
          {creds ? (
            <ChatSessionView key={creds.sessionId} creds={creds} onNewChat={newChat} />
          ) : (
            <StartForm onStart={start} pending={pending} error={error} />
          )}
        </div>
      ) : null}
      <button
        type="button"
        className="ldw-bubble"
        aria-label={open ? 'Close chat' : 'Open chat'}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="widget-bubble"
      >
        {open ? (
          '✕'
        ) : (
          <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 22l4.3-2.3c1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3Z"
            />
          </svg>
        )}
      </button>
    </div>
  );
}
