import { useRef } from 'react';
import type { User } from '../../../api/types';
import { AppHeader } from '../../../components/app-header';
import { ConnectionStatusBar, LiveBadge } from '../../../components/connection-status';
import { useConnectionState, useManagedConnection } from '../../../services/use-realtime';
import { useAgentConsole } from '../hooks/use-agent-console';
import { createAgentConnection } from '../realtime/create-agent-connection';
import { ChatList } from './chat-list';
import { ConversationView } from './conversation-view';
import { QueueList } from './queue-list';
import { StatusSelector } from './status-selector';

interface Props {
  user: User;
  onLogout: () => void;
}

/** /agent: the agent console, on the agent socket (/api/v1/agent/ws). */
export function AgentPage({ user, onLogout }: Props) {
  const lastSeqs = useRef<Record<string, number>>({});
  const manager = useManagedConnection(() => createAgentConnection(() => lastSeqs.current));
  const conn = useConnectionState(manager);
  const { state, actions } = useAgentConsole(manager, user, lastSeqs);
  const chats = Object.values(state.chats).sort((a, b) => a.id - b.id);
  const selected = state.selected !== null ? (state.chats[state.selected] ?? null) : null;

  return (
    <div className="page agent-page">
      <AppHeader title="Agent console" userName={user.name || user.username} onLogout={onLogout}>
        <LiveBadge status={conn.status} />
        <StatusSelector status={state.status} onChange={actions.setStatus} />
      </AppHeader>
      <ConnectionStatusBar
        status={conn.status}
        lastUpdateAt={conn.lastUpdateAt}
        fatalError={conn.fatalError}
        pollingText="Live connection lost: the queue refreshes every 3 s by polling while reconnecting."
      />
      {state.notice ? (
        <div className="notice" role="alert">
          <span>{state.notice}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={actions.clearNotice}>
            Dismiss
          </button>
        </div>
      ) : null}
      <main className={`agent-layout${selected ? ' has-selection' : ''}`}>
        <div className="agent-sidebar">
          <ChatList
            chats={chats}
            unread={state.unread}
            typing={state.typing}
            selected={state.selected}
            onSelect={actions.select}
            onDismiss={actions.dismiss}
          />
          <QueueList queue={state.queue} onTake={actions.take} />
        </div>
        {selected ? (
          <ConversationView
            key={selected.id}
            session={selected}
            state={state}
            onSend={(body) => actions.send(selected.id, body)}
            onTyping={(t) => actions.typing(selected.id, t)}
            onClose={() => actions.close(selected.id)}
            onBack={() => actions.select(null)}
          />
        ) : (
          <section className="panel conversation-empty">
            <p className="empty-title">No chat open</p>
            <p className="muted">Pick a chat on the left, or take one from the queue.</p>
          </section>
        )}
      </main>
    </div>
  );
}
