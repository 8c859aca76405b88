import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getConversationSettings, getDispositions } from '../../../api/conversations';
import type { Session, User } from '../../../api/types';
import { AppHeader } from '../../../components/app-header';
import { ContactPanel } from '../../../components/contact-panel';
import { ConnectionStatusBar, LiveBadge } from '../../../components/connection-status';
import { useConnectionState, useManagedConnection } from '../../../services/use-realtime';
import { useAgentConsole } from '../hooks/use-agent-console';
import { createAgentConnection } from '../realtime/create-agent-connection';
import { ChatList } from './chat-list';
import { ConversationView } from './conversation-view';
import { IncomingTransfers } from './incoming-transfers';
import { NotesPanel } from './notes-panel';
import { QueueList } from './queue-list';
import { StatusSelector } from './status-selector';
import { CloseDialog } from './close-dialog';
import { AssignDialog, BlockDialog, TransferDialog } from './tool-dialogs';

interface Props {
  user: User;
  onLogout: () => void;
}

type OpenDialog = { kind: 'transfer' | 'assign' | 'block' | 'close'; session: Session } | null;

/** /agent: the agent console, on the agent socket (/api/v1/agent/ws). Supervisors also get assign and block. */
export function AgentPage({ user, onLogout }: Props) {
  const lastSeqs = useRef<Record<string, number>>({});
  const manager = useManagedConnection(() => createAgentConnection(() => lastSeqs.current));
  const conn = useConnectionState(manager);
  const { state, actions, supervisor } = useAgentConsole(manager, user, lastSeqs);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const chats = Object.values(state.chats).sort((a, b) => a.id - b.id);
  const selected = state.selected !== null ? (state.chats[state.selected] ?? null) : null;
  const agents = Object.values(state.agents);
  // Close reasons (#14): asked for on close when any are configured; required when the setting says so.
  const dispositions = useQuery({ queryKey: ['dispositions'], queryFn: getDispositions, retry: false });
  const settings = useQuery({ queryKey: ['settings', 'conversations'], queryFn: getConversationSettings, retry: false });
  const activeDispositions = (dispositions.data?.dispositions ?? []).filter((d) => !d.archived);
  const dispositionRequired = settings.data?.disposition_required ?? false;
  const closeChat = (session: Session) => {
    if (activeDispositions.length || dispositionRequired) setDialog({ kind: 'close', session });
    else void actions.close(session.id);
  };
  const open = (kind: 'transfer' | 'assign' | 'block', session: Session) => {
    if (kind === 'assign') actions.reloadAgents();
    setDialog({ kind, session });
  };

  return (
    <div className="page agent-page">
      <AppHeader title={supervisor ? 'Agent console (supervisor)' : 'Agent console'} userName={user.name || user.username} role={user.role} onLogout={onLogout}>
        <LiveBadge status={conn.status} />
        {user.role === 'agent' ? <StatusSelector status={state.status} onChange={actions.setStatus} /> : null}
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
      <IncomingTransfers
        transfers={state.incoming}
        sessions={state.transferSessions}
        agents={state.agents}
        onAnswer={(t, accept) => void actions.answerTransfer(t, accept)}
      />
      <main className={`agent-layout${selected ? ' has-selection' : ''}`}>
        <div className="agent-sidebar">
          <ChatList
            chats={chats}
            unread={state.unread}
            whispers={state.unseenWhispers}
            typing={state.typing}
            selected={state.selected}
            onSelect={actions.select}
            onDismiss={actions.dismiss}
          />
          <QueueList
            queue={state.queue}
            onTake={user.role === 'agent' ? actions.take : undefined}
            onAssign={supervisor ? (s) => open('assign', s) : undefined}
            onBlock={supervisor ? (s) => open('block', s) : undefined}
          />
        </div>
        {selected ? (
          <>
            <ConversationView
              key={selected.id}
              session={selected}
              state={state}
              manager={manager}
              me={user.id}
              supervisor={supervisor}
              onSend={(body) => actions.send(selected.id, body)}
              onTyping={(t) => actions.typing(selected.id, t)}
              onClose={() => closeChat(selected)}
              onBack={() => actions.select(null)}
              onTransfer={() => open('transfer', selected)}
              onAssign={() => open('assign', selected)}
              onBlock={() => open('block', selected)}
            />
            <div className="agent-tools">
              <ContactPanel key={`contact-${selected.id}`} contactId={selected.customer.id} me={user.id} currentConversationId={selected.id} />
              <NotesPanel
                key={selected.id}
                notes={state.notes[selected.id] ?? []}
                me={user.id}
                onAdd={(body) => actions.addNote(selected.id, body)}
                onEdit={actions.editNote}
                onDelete={actions.removeNote}
              />
            </div>
          </>
        ) : (
          <section className="panel conversation-empty">
            <p className="empty-title">No chat open</p>
            <p className="muted">Pick a chat on the left, or take one from the queue.</p>
          </section>
        )}
      </main>
      {dialog?.kind === 'transfer' ? (
        <TransferDialog
          session={dialog.session}
          agents={agents}
          me={user.id}
          onSubmit={(to, reason) => actions.transfer(dialog.session.id, to, reason)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'assign' ? (
        <AssignDialog
          session={dialog.session}
          agents={agents}
          onSubmit={(agentId, force) => actions.assign(dialog.session.id, agentId, force)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'close' ? (
        <CloseDialog
          dispositions={activeDispositions}
          required={dispositionRequired}
          onSubmit={(dispositionId) => void actions.close(dialog.session.id, dispositionId)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'block' ? (
        <BlockDialog
          session={dialog.session}
          onSubmit={(reason) => actions.block(dialog.session.customer.id, dialog.session.customer.name, reason)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
