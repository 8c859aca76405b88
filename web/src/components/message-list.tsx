import { useEffect, useRef } from 'react';
import type { Attachment, Message } from '../api/types';
import { AttachmentView, type AttachmentLoader } from './attachment-view';
import { formatClock } from './format';

export interface DisplayMessage extends Pick<Message, 'seq' | 'sender_type' | 'body' | 'created_at' | 'status'> {
  key: string;
  attachment?: Attachment | null;
  pending?: boolean;
  failed?: boolean;
}

interface Props {
  messages: DisplayMessage[];
  /** Which side is "me" (drawn on the right). */
  self: 'agent' | 'customer' | 'none';
  /** Show delivery state under my own messages. */
  showReceipts?: boolean;
  typingLabel?: string | null;
  /** Fetches attachment bytes (with the right token); without it attachments show name and size only. */
  loadAttachment?: AttachmentLoader;
}

function receiptText(m: DisplayMessage): string {
  if (m.failed) return 'Not sent';
  if (m.pending) return 'Sending…';
  if (m.status === 'read') return 'Read';
  if (m.status === 'delivered') return 'Delivered';
  return 'Sent';
}

/** A scrolling conversation; sticks to the bottom as messages arrive. */
export function MessageList({ messages, self, showReceipts, typingLabel, loadAttachment }: Props) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, typingLabel]);
  const lastOwn = [...messages].reverse().find((m) => m.sender_type === self);
  return (
    <div className="message-list" role="log" aria-live="polite" aria-relevant="additions">
      {messages.map((m) => (
        <div
          key={m.key}
          className={`message message-${m.sender_type}${m.sender_type === self ? ' is-own' : ''}${m.pending ? ' is-pending' : ''}`}
          data-testid="message"
        >
          {m.attachment ? <AttachmentView attachment={m.attachment} load={loadAttachment} /> : null}
          {m.body ? <div className="message-body">{m.body}</div> : null}
          <div className="message-meta">
            {m.sender_type === 'system' ? 'system · ' : ''}
            {formatClock(m.created_at)}
            {showReceipts && m.sender_type === self && (m === lastOwn || m.pending || m.failed) ? (
              <span className="receipt" data-testid="receipt">
                {' '}
                · {receiptText(m)}
              </span>
            ) : null}
          </div>
        </div>
      ))}
      {typingLabel ? (
        <div className="typing-indicator" data-testid="typing">
          <span className="typing-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {typingLabel}
        </div>
      ) : null}
      <div ref={end} />
    </div>
  );
}
