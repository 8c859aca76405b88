import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Note } from '../../../api/types';
import { formatClock } from '../../../components/format';
import { ContactPanel } from '../../../components/contact-panel';
import { LockIcon } from '../../../components/lock-icon';
import { MessageList } from '../../../components/message-list';
import { Shimmer } from '../../../components/panel';
import { StatusDot } from '../../../components/status-dot';
import { ApiError } from '../../../services/http-client';
import { newClientMsgId } from '../../../services/websocket';
import { getAttachment } from '../api/get-attachment';
import { postBargeIn } from '../api/post-barge-in';
import { postSessionMessage } from '../api/post-session-message';
import { postWhisper } from '../api/post-whisper';
import { useSessionUpdates } from '../hooks/use-session-updates';

const errorText = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : 'Something went wrong');

/** Enter sends, Shift+Enter breaks the line. */
function sendOnEnter(submit: () => void) {
  return (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
}

function NoteItems({ items, kind }: { items: Note[]; kind: 'note' | 'whisper' }) {
  return (
    <ul className={kind === 'whisper' ? 'drawer-whispers' : 'note-list'}>
      {items.map((n) => (
        <li key={n.id} className={kind} data-testid={kind === 'whisper' ? 'drawer-whisper' : 'drawer-note'}>
          <span className="whisper-meta">
            {n.author.name || `#${n.author.id}`} · {formatClock(n.created_at)}
          </span>
          <span className={kind === 'whisper' ? 'whisper-body' : 'note-body'}>{n.body}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A supervisor's live view of one conversation: silent monitoring (watch), private whispers to the
 * agent, and barge-in to join the chat visibly. Escape closes it.
 */
export function ConversationDrawer({ sessionId, me = null, onClose }: { sessionId: number; me?: number | null; onClose: () => void }) {
  const { session, messages, notes, whispers, typing, watching, error, loading, addLocal, addNoteLocal } = useSessionUpdates(sessionId);
  const [whisper, setWhisper] = useState('');
  const [reply, setReply] = useState('');
  const [barged, setBarged] = useState(false);
  const [busy, setBusy] = useState<'whisper' | 'barge' | 'reply' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const open = session?.status !== 'closed';

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  const run = async (kind: 'whisper' | 'barge' | 'reply', fn: () => Promise<void>) => {
    setBusy(kind);
    setActionError(null);
    try {
      await fn();
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const sendWhisper = () => {
    const body = whisper.trim();
    if (!body || busy) return;
    void run('whisper', async () => {
      const res = await postWhisper(sessionId, body);
      addNoteLocal({ ...res.whisper, kind: 'whisper' });
      setWhisper('');
    });
  };
  const bargeIn = () =>
    void run('barge', async () => {
      await postBargeIn(sessionId);
      setBarged(true);
    });
  const sendReply = () => {
    const body = reply.trim();
    if (!body || busy) return;
    void run('reply', async () => {
      const res = await postSessionMessage(sessionId, body, newClientMsgId());
      addLocal(res.message);
      setReply('');
    });
  };
  const submit = (fn: () => void) => (e: FormEvent) => {
    e.preventDefault();
    fn();
  };

  return (
    <aside
      className="drawer"
      aria-label="Conversation"
      data-testid="conversation-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
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
        <button ref={closeButton} type="button" className="btn btn-ghost" onClick={onClose} aria-label="Close conversation">
          ✕
        </button>
      </header>
      <div className={`watch-bar${watching ? ' is-watching' : ''}`} role="status" data-testid="watch-status">
        {watching
          ? barged
            ? 'You joined this chat: the customer sees your messages.'
            : 'Watching silently: neither the customer nor the agent is told.'
          : open
            ? 'Connecting to the live chat…'
            : 'This chat is closed: showing its history.'}
      </div>
      {error ? <p className="panel-error">{error}</p> : null}
      {loading ? (
        <Shimmer lines={5} />
      ) : (
        <MessageList
          self="agent"
          showReceipts
          loadAttachment={getAttachment}
          messages={messages.map((m) => ({ ...m, key: String(m.seq) }))}
          typingLabel={typing ? `${typing === 'customer' ? 'Customer' : 'Agent'} is typing…` : null}
        />
      )}
      <div className="drawer-tools">
        {whispers.length ? (
          <section className="whisper-panel drawer-section" aria-label="Whispers to the agent">
            <h2>
              <LockIcon /> Whispers <span className="muted small">agent only</span>
            </h2>
            <NoteItems items={whispers} kind="whisper" />
          </section>
        ) : null}
        {notes.length ? (
          <details className="drawer-section drawer-notes">
            <summary>Agent notes ({notes.length})</summary>
            <NoteItems items={notes} kind="note" />
          </details>
        ) : null}
        {session ? (
          <details className="drawer-section drawer-contact" data-testid="drawer-contact">
            <summary>Contact: {session.customer.name}</summary>
            <ContactPanel contactId={session.customer.id} me={me} currentConversationId={sessionId} />
          </details>
        ) : null}
        {actionError ? (
          <p className="form-error drawer-section" role="alert">
            {actionError}
          </p>
        ) : null}
        {open && session ? (
          <>
            <form className="composer whisper-composer" onSubmit={submit(sendWhisper)}>
              <textarea
                aria-label={`Whisper to ${session.agent?.name ?? 'the agent'}`}
                placeholder={session.agent ? `Whisper to ${session.agent.name} (the customer never sees it)…` : 'Whispers reach the agent once one has the chat'}
                rows={2}
                maxLength={8192}
                value={whisper}
                disabled={!session.agent}
                onChange={(e) => setWhisper(e.target.value)}
                onKeyDown={sendOnEnter(sendWhisper)}
                data-testid="whisper-input"
              />
              <button type="submit" className="btn btn-whisper" disabled={!whisper.trim() || busy !== null}>
                Whisper
              </button>
            </form>
            {barged ? (
              <form className="composer" onSubmit={submit(sendReply)}>
                <textarea
                  aria-label="Message to the customer"
                  placeholder="Message the customer (visible to them)…"
                  rows={2}
                  maxLength={8192}
                  value={reply}
                  onChange={(e) => setReply(e.target.value)}
                  onKeyDown={sendOnEnter(sendReply)}
                  data-testid="barge-composer"
                />
                <button type="submit" className="btn btn-primary" disabled={!reply.trim() || busy !== null}>
                  Send
                </button>
              </form>
            ) : (
              <div className="drawer-barge">
                <button type="button" className="btn btn-small" onClick={bargeIn} disabled={busy !== null} data-testid="barge-in">
                  Barge in
                </button>
                <span className="muted small">Join the chat visibly; the customer is told you joined.</span>
              </div>
            )}
          </>
        ) : null}
      </div>
    </aside>
  );
}
