import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { AgentEvents, AgentStatus, Note, Queue, Session, Transfer, User } from '../../../api/types';
import { ApiError } from '../../../services/http-client';
import { useRealtimeData } from '../../../services/use-realtime';
import { newClientMsgId, type ConnectionManager } from '../../../services/websocket';
import { deleteNote } from '../api/delete-note';
import { getChatQueue } from '../api/get-chat-queue';
import { getFloorAgents } from '../api/get-floor-agents';
import { getSessionMessages } from '../api/get-session-messages';
import { getSessionNotes } from '../api/get-session-notes';
import { patchNote } from '../api/patch-note';
import { postAcceptTransfer } from '../api/post-accept-transfer';
import { postAssignSession } from '../api/post-assign-session';
import { postBlock } from '../api/post-block';
import { postCloseSession } from '../api/post-close-session';
import { postDeclineTransfer } from '../api/post-decline-transfer';
import { postMessage } from '../api/post-message';
import { postSessionNote } from '../api/post-session-note';
import { postTakeSession } from '../api/post-take-session';
import { postTransfer } from '../api/post-transfer';
import { putAgentStatus } from '../api/put-agent-status';
import { QUEUE_POLL_EVENT, SESSIONS_POLL_EVENT } from '../realtime/create-agent-connection';
import { agentReducer, initialAgentState } from './agent-state';

export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'already_assigned') return 'Someone else took that chat first.';
    if (err.code === 'at_capacity') return 'That agent is at capacity (assign with "force" to override).';
    if (err.code === 'transfer_pending') return 'A transfer of this chat is already waiting for an answer.';
    if (err.code === 'transfer_closed') return 'That transfer was already answered or has expired.';
    if (err.code === 'invalid_target') return 'You cannot transfer a chat to yourself.';
    if (err.code === 'already_blocked') return 'This customer is already blocked.';
    if (err.code === 'disposition_required') return 'Pick a close reason (disposition) to close this chat.';
    if (err.code === 'not_your_chat') return 'Only the agent on this chat (or a supervisor) can change it.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

const isSupervisor = (u: User) => u.role === 'supervisor' || u.role === 'admin';

/**
 * All state of the agent console, driven by the agent socket (one handler per event type).
 * `lastSeqs` feeds the resume map of the next auth frame.
 */
export function useAgentConsole(manager: ConnectionManager, user: User, lastSeqs: React.MutableRefObject<Record<string, number>>) {
  const [state, dispatch] = useReducer(agentReducer, initialAgentState);
  const me = user.id;
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
    const seqs: Record<string, number> = {};
    for (const [id, list] of Object.entries(state.messages)) {
      if (list.length && state.chats[Number(id)]?.status === 'active') seqs[id] = list[list.length - 1].seq;
    }
    lastSeqs.current = seqs;
  }, [state, lastSeqs]);

  const loadQueue = useCallback(async () => {
    try {
      const q = await getChatQueue();
      dispatch({ type: 'queue', sessions: q.sessions });
    } catch {
      /* the next update brings it */
    }
  }, []);

  const loadHistory = useCallback(async (sessionId: number) => {
    try {
      const res = await getSessionMessages(sessionId);
      dispatch({ type: 'history', sessionId, messages: res.messages });
    } catch (err) {
      dispatch({ type: 'notice', text: describeError(err) });
    }
  }, []);

  const loadNotes = useCallback(async (sessionId: number) => {
    try {
      const res = await getSessionNotes(sessionId);
      dispatch({ type: 'notes_loaded', sessionId, notes: res.notes });
    } catch {
      /* notes are extra: the chat works without them */
    }
  }, []);

  const supervisor = isSupervisor(user);
  const loadAgents = useCallback(async () => {
    if (!supervisor) return;
    try {
      const res = await getFloorAgents();
      dispatch({
        type: 'agents_loaded',
        agents: res.agents.map((a) => ({ id: a.id, name: a.name, status: a.status, activeSessions: a.active_sessions })),
      });
    } catch {
      /* the list also fills from live frames */
    }
  }, [supervisor]);

  useEffect(() => {
    void loadQueue();
    void loadAgents();
  }, [loadQueue, loadAgents]);

  // ---- one handler per event type ----
  useRealtimeData<AgentEvents['auth_success']>(
    'auth_success',
    (d) => {
      dispatch({ type: 'connected', sessions: d.sessions ?? [] });
      if (d.status) dispatch({ type: 'status', status: d.status });
      else if (stateRef.current.status === null || stateRef.current.status === 'offline') dispatch({ type: 'status', status: 'active' });
      for (const s of d.sessions ?? []) if (s.agent) dispatch({ type: 'agent_seen', agent: { id: s.agent.id, name: s.agent.name } });
      void loadQueue();
      // Catch up on what changed while the socket was down.
      const open = stateRef.current.selected;
      if (open !== null) void loadNotes(open);
    },
    manager,
  );
  useRealtimeData<AgentEvents['session_update']>(
    'session_update',
    (d) => {
      if (!d.session) return;
      dispatch({ type: 'session', me, session: d.session });
      const a = d.session.agent;
      if (a) dispatch({ type: 'agent_seen', agent: { id: a.id, name: a.name } });
      if (d.transfer && d.transfer.to_agent_id === me) dispatch({ type: 'transfer_session', transfer: d.transfer, session: d.session });
    },
    manager,
  );
  useRealtimeData<AgentEvents['transfer_requested']>('transfer_requested', (d) => dispatch({ type: 'transfer_requested', transfer: d.transfer }), manager);
  useRealtimeData<AgentEvents['transfer_update']>('transfer_update', (d) => dispatch({ type: 'transfer_update', me, transfer: d.transfer }), manager);
  useRealtimeData<AgentEvents['note_update']>('note_update', (d) => dispatch({ type: 'note', note: d.note, action: d.action }), manager);
  useRealtimeData<AgentEvents['whisper']>('whisper', (d) => dispatch({ type: 'note', note: { ...d.note, kind: 'whisper' }, action: d.action }), manager);
  useRealtimeData<AgentEvents['message_created']>(
    'message_created',
    (d) => {
      dispatch({ type: 'message', sessionId: d.session_id, message: d.message });
      if (d.message.sender_type === 'customer' && stateRef.current.selected !== d.session_id) {
        manager.send({ type: 'receipt', data: { session_id: d.session_id, up_to_seq: d.message.seq, status: 'delivered' } });
      }
    },
    manager,
  );
  useRealtimeData<AgentEvents['message_ack']>(
    'message_ack',
    (d) => dispatch({ type: 'ack', sessionId: d.message.session_id, clientMsgId: d.client_msg_id, message: d.message }),
    manager,
  );
  useRealtimeData<AgentEvents['typing_indicator']>(
    'typing_indicator',
    (d) => d.sender_type === 'customer' && dispatch({ type: 'typing', sessionId: d.session_id, isTyping: d.is_typing }),
    manager,
  );
  useRealtimeData<AgentEvents['receipt']>(
    'receipt',
    (d) =>
      d.reader_type === 'customer' &&
      dispatch({ type: 'receipt', sessionId: d.session_id, upToSeq: d.up_to_seq, status: d.status }),
    manager,
  );
  useRealtimeData<AgentEvents['assignment_revoked']>('assignment_revoked', (d) => dispatch({ type: 'revoked', sessionId: d.session_id }), manager);
  useRealtimeData<AgentEvents['status']>('status', (d) => dispatch({ type: 'status', status: d.status }), manager);
  useRealtimeData<AgentEvents['agent_status_changed']>(
    'agent_status_changed',
    (d) => {
      if (d.agent_id === me) dispatch({ type: 'status', status: d.status });
      else dispatch({ type: 'agent_seen', agent: { id: d.agent_id, name: d.name, status: d.status } });
    },
    manager,
  );
  useRealtimeData<AgentEvents['queue_depth_changed']>(
    'queue_depth_changed',
    (d) => {
      if (d.depth !== stateRef.current.queue.length) void loadQueue();
    },
    manager,
  );
  useRealtimeData<AgentEvents['error']>(
    'error',
    (d) => {
      if (d.client_msg_id) dispatch({ type: 'send_failed', clientMsgId: d.client_msg_id });
      const text =
        d.code === 'already_assigned'
          ? 'Someone else took that chat first.'
          : d.code === 'at_capacity'
            ? 'You are at capacity: close a chat first.'
            : (d.message ?? d.code);
      dispatch({ type: 'notice', text });
    },
    manager,
  );
  useRealtimeData<Queue>(QUEUE_POLL_EVENT, (q) => dispatch({ type: 'queue', sessions: q.sessions }), manager);
  useRealtimeData<{ sessions: Session[] }>(SESSIONS_POLL_EVENT, (d) => dispatch({ type: 'sessions', sessions: d.sessions }), manager);

  // Mark the open chat read whenever a newer customer message is on screen.
  const selected = state.selected;
  const selectedMessages = selected !== null ? state.messages[selected] : undefined;
  const lastCustomerSeq = useMemo(() => {
    const list = selectedMessages ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].sender_type === 'customer') return list[i].seq;
    return 0;
  }, [selectedMessages]);
  const readSent = useRef<Record<number, number>>({});
  useEffect(() => {
    if (selected === null || lastCustomerSeq === 0) return;
    if ((readSent.current[selected] ?? 0) >= lastCustomerSeq) return;
    if (state.chats[selected]?.status !== 'active') return;
    if (manager.send({ type: 'receipt', data: { session_id: selected, up_to_seq: lastCustomerSeq, status: 'read' } })) {
      readSent.current[selected] = lastCustomerSeq;
    }
  }, [selected, lastCustomerSeq, manager, state.chats]);

  // ---- actions ----
  const actions = useMemo(
    () => ({
      select(sessionId: number | null) {
        dispatch({ type: 'select', sessionId });
        if (sessionId !== null) {
          void loadHistory(sessionId);
          void loadNotes(sessionId);
        }
      },
      async setStatus(status: AgentStatus) {
        if (manager.send({ type: 'set_status', data: { status } })) return;
        try {
          const res = await putAgentStatus(status);
          dispatch({ type: 'status', status: res.status });
        } catch (err) {
          dispatch({ type: 'notice', text: describeError(err) });
        }
      },
      async take(sessionId: number) {
        if (manager.send({ type: 'take', data: { session_id: sessionId } })) return;
        try {
          const res = await postTakeSession(sessionId);
          dispatch({ type: 'session', me, session: res.session });
        } catch (err) {
          dispatch({ type: 'notice', text: describeError(err) });
        }
      },
      async close(sessionId: number, dispositionId: number | null = null) {
        const data = dispositionId ? { session_id: sessionId, disposition_id: dispositionId } : { session_id: sessionId };
        if (manager.send({ type: 'close', data })) return;
        try {
          const res = await postCloseSession(sessionId, dispositionId);
          dispatch({ type: 'session', me, session: res.session });
        } catch (err) {
          dispatch({ type: 'notice', text: describeError(err) });
        }
      },
      async send(sessionId: number, body: string) {
        const clientMsgId = newClientMsgId();
        dispatch({
          type: 'send',
          sessionId,
          pending: { client_msg_id: clientMsgId, body, created_at: new Date().toISOString() },
        });
        const frame = { type: 'send_message', data: { session_id: sessionId, body, type: 'text', client_msg_id: clientMsgId } };
        if (manager.send(frame)) return;
        try {
          const res = await postMessage(sessionId, body, clientMsgId);
          dispatch({ type: 'ack', sessionId, clientMsgId, message: res.message });
        } catch (err) {
          dispatch({ type: 'send_failed', clientMsgId });
          dispatch({ type: 'notice', text: describeError(err) });
        }
      },
      typing(sessionId: number, isTyping: boolean) {
        manager.send({ type: 'typing', data: { session_id: sessionId, is_typing: isTyping } });
      },
      dismiss(sessionId: number) {
        dispatch({ type: 'dismiss', sessionId });
      },
      clearNotice() {
        dispatch({ type: 'notice', text: null });
      },
      notify(text: string) {
        dispatch({ type: 'notice', text });
      },
      // Notes: the REST answer updates the list at once; note_update frames keep other tabs in step.
      async addNote(sessionId: number, body: string) {
        const res = await postSessionNote(sessionId, body);
        dispatch({ type: 'note', note: res.note, action: 'created' });
      },
      async editNote(noteId: number, body: string) {
        const res = await patchNote(noteId, body);
        dispatch({ type: 'note', note: res.note, action: 'updated' });
      },
      async removeNote(note: Note) {
        await deleteNote(note.id);
        dispatch({ type: 'note', note, action: 'deleted' });
      },
      /** Throws (ApiError) so the dialog can show why. */
      async transfer(sessionId: number, toAgentId: number | null, reason: string) {
        const res = await postTransfer(sessionId, toAgentId, reason);
        dispatch({ type: 'transfer_update', me, transfer: res.transfer });
        return res.transfer;
      },
      async answerTransfer(transfer: Transfer, accept: boolean) {
        try {
          const res = accept ? await postAcceptTransfer(transfer.id) : await postDeclineTransfer(transfer.id);
          dispatch({ type: 'transfer_update', me, transfer: res.transfer });
          if (accept) {
            dispatch({ type: 'select', sessionId: transfer.session_id });
            void loadHistory(transfer.session_id);
            void loadNotes(transfer.session_id);
          }
        } catch (err) {
          dispatch({ type: 'transfer_update', me, transfer: { ...transfer, status: 'expired' } });
          dispatch({ type: 'notice', text: describeError(err) });
        }
      },
      async assign(sessionId: number, agentId: number, force: boolean) {
        const res = await postAssignSession(sessionId, agentId, force);
        dispatch({ type: 'session', me, session: res.session });
        dispatch({ type: 'notice', text: `Chat #${sessionId} assigned to ${res.session.agent?.name ?? `agent #${agentId}`}.` });
        void loadAgents();
      },
      async block(customerId: number, customerName: string, reason: string) {
        await postBlock(customerId, reason);
        dispatch({ type: 'notice', text: `${customerName} is blocked; their open chats were closed.` });
      },
      reloadAgents() {
        void loadAgents();
      },
    }),
    [manager, me, loadHistory, loadNotes, loadAgents],
  );

  return { state, actions, supervisor };
}
