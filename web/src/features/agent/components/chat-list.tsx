import type { Session } from '../../../api/types';
import { LockIcon } from '../../../components/lock-icon';
import { EmptyState, Panel } from '../../../components/panel';

interface Props {
  chats: Session[];
  unread: Record<number, number>;
  /** Whispers not yet seen, per chat. */
  whispers?: Record<number, number>;
  typing: Record<number, boolean>;
  selected: number | null;
  onSelect: (id: number) => void;
  onDismiss: (id: number) => void;
}

export function ChatList({ chats, unread, whispers = {}, typing, selected, onSelect, onDismiss }: Props) {
  return (
    <Panel title={`My chats (${chats.filter((c) => c.status === 'active').length})`} id="my-chats">
      {chats.length === 0 ? (
        <EmptyState title="No open chats">Set yourself active to get chats, or take one from the queue.</EmptyState>
      ) : (
        <ul className="chat-list">
          {chats.map((c) => (
            <li key={c.id} className={`chat-item${c.id === selected ? ' is-selected' : ''}${c.status === 'closed' ? ' is-closed' : ''}`}>
              <button type="button" className="chat-item-main" onClick={() => onSelect(c.id)} data-testid="my-chat">
                <span className="chat-item-name">{c.customer.name}</span>
                <span className="muted small truncate">
                  {c.status === 'closed' ? 'Closed' : typing[c.id] ? 'typing…' : (c.last_message?.body ?? c.subject ?? '')}
                </span>
              </button>
              {(whispers[c.id] ?? 0) > 0 ? (
                <span className="badge badge-whisper" aria-label={`${whispers[c.id]} new whisper${whispers[c.id] > 1 ? 's' : ''}`} title="New supervisor whisper">
                  <LockIcon /> {whispers[c.id]}
                </span>
              ) : null}
              {(unread[c.id] ?? 0) > 0 ? (
                <span className="badge badge-unread" aria-label={`${unread[c.id]} unread`}>
                  {unread[c.id]}
                </span>
              ) : null}
              {c.status === 'closed' ? (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => onDismiss(c.id)} aria-label="Remove closed chat">
                  ✕
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
