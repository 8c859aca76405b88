import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { AgentEvents, AgentStatus, Queue, Session, User } from '../../../api/types';
import { ApiError } from '../../../services/http-client';
import { useRealtimeData } from '../../../services/use-realtime';
import { newClientMsgId, type ConnectionManager } from '../../../services/websocket';
import { getChatQueue } from '../api/get-chat-queue';
import { getSessionMessages } from '../api/get-session-messages';
import { postCloseSession } from '../api/post-close-session';
import { postMessage } from '../api/post-message';
import { postTakeSession } from '../api/post-take-session';
import { putAgentStatus } from '../api/put-agent-status';
import { QUEUE_POLL_EVENT, SESSIONS_POLL_EVENT } from '../realtime/create-agent-connection';
import { agentReducer, initialAgentState } from './agent-state';

function describe(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'already_assigned') return 'Someone else took that chat first.';
    if (err.code === 'at_capacity') return 'You are at capacity: close a chat first.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

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
      dispatch({ type: 'notice', text: describe(err) });
    }
  }, []);

  useEffect(() => {
    void loadQueue();
  }, [loadQueue]);

  // ---- one handler per event type ----
  useRealtimeData<AgentEvents['auth_success']>(
    'auth_success',
    (d) => {
      dispatch({ type: 'connected', sessions: d.sessions ?? [] });
      if (stateRef.current.status === null || stateRef.current.status === 'offline') dispatch({ type: 'status', status: 'active' });
      void loadQueue();
    },
    manager,
  );
  useRealtimeData<AgentEvents['session_update']>('session_update', (d) => d.session && dispatch({ type: 'session', me, session: d.session }), manager);
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
    (d) => d.agent_id === me && dispatch({ type: 'status', status: d.status }),
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
        if (sessionId !== null) void loadHistory(sessionId);
      },
      async setStatus(status: AgentStatus) {
        if (manager.send({ type: 'set_status', data: { status } })) return;
        try {
          const res = await putAgentStatus(status);
          dispatch({ type: 'status', status: res.status });
        } catch (err) {
          dispatch({ type: 'notice', text: describe(err) });
        }
      },
      async take(sessionId: number) {
        if (manager.send({ type: 'take', data: { session_id: sessionId } })) return;
        try {
          const res = await postTakeSession(sessionId);
          dispatch({ type: 'session', me, session: res.session });
        } catch (err) {
          dispatch({ type: 'notice', text: describe(err) });
        }
      },
      async close(sessionId: number) {
        if (manager.send({ type: 'close', data: { session_id: sessionId } })) return;
        try {
          const res = await postCloseSession(sessionId);
          dispatch({ type: 'session', me, session: res.session });
        } catch (err) {
          dispatch({ type: 'notice', text: describe(err) });
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
          dispatch({ type: 'notice', text: describe(err) });
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
    }),
    [manager, me, loadHistory],
  );

  return { state, actions };
}
