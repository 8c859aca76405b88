import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { CustomerEvents, Message, MessageType, Session } from '../../../api/types';
import { ApiError } from '../../../services/http-client';
import { useConnectionState, useManagedConnection, useRealtimeData } from '../../../services/use-realtime';
import { newClientMsgId } from '../../../services/websocket';
import { getCustomerAttachment } from '../api/get-customer-attachment';
import { postCustomerAttachment } from '../api/post-customer-attachment';
import { postCustomerClose } from '../api/post-customer-close';
import { postCustomerMessage } from '../api/post-customer-message';
import { postCustomerRating } from '../api/post-customer-rating';
import {
  createCustomerConnection,
  MESSAGES_POLL_EVENT,
  type CustomerCredentials,
} from '../realtime/create-customer-connection';

interface Pending {
  client_msg_id: string;
  body: string;
  /** Name of a file being uploaded with this message. */
  fileName?: string;
  created_at: string;
  failed?: boolean;
}

export interface CustomerChatState {
  session: Session | null;
  messages: Message[];
  pending: Pending[];
  position: number | null;
  estimatedWait: number | null;
  agentTyping: boolean;
  agentReadSeq: number;
  rated: boolean;
  error: string | null;
}

type Action =
  | { type: 'session'; session: Session }
  | { type: 'messages'; messages: Message[] }
  | { type: 'pending'; pending: Pending }
  | { type: 'acked'; clientMsgId: string | null; message: Message }
  | { type: 'failed'; clientMsgId: string; error: string }
  | { type: 'position'; position: number; wait: number | null }
  | { type: 'typing'; isTyping: boolean }
  | { type: 'read'; upTo: number }
  | { type: 'rated'; session: Session }
  | { type: 'error'; error: string | null };

const initial: CustomerChatState = {
  session: null,
  messages: [],
  pending: [],
  position: null,
  estimatedWait: null,
  agentTyping: false,
  agentReadSeq: 0,
  rated: false,
  error: null,
};

function merge(list: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function reducer(state: CustomerChatState, a: Action): CustomerChatState {
  switch (a.type) {
    case 'session':
      return {
        ...state,
        session: a.session,
        position: a.session.status === 'waiting' ? (a.session.queue_position ?? state.position) : null,
        rated: state.rated,
      };
    case 'messages': {
      const ids = new Set(a.messages.map((m) => m.client_msg_id).filter(Boolean));
      const agentSpoke = a.messages.some((m) => m.sender_type === 'agent');
      return {
        ...state,
        messages: merge(state.messages, a.messages),
        pending: state.pending.filter((p) => !ids.has(p.client_msg_id)),
        agentTyping: agentSpoke ? false : state.agentTyping,
      };
    }
    case 'pending':
      return { ...state, pending: [...state.pending, a.pending] };
    case 'acked':
      return {
        ...state,
        messages: merge(state.messages, [a.message]),
        pending: state.pending.filter((p) => p.client_msg_id !== a.clientMsgId),
      };
    case 'failed':
      return {
        ...state,
        pending: state.pending.map((p) => (p.client_msg_id === a.clientMsgId ? { ...p, failed: true } : p)),
        error: a.error,
      };
    case 'position':
      return { ...state, position: a.position, estimatedWait: a.wait };
    case 'typing':
      return { ...state, agentTyping: a.isTyping };
    case 'read':
      return a.upTo > state.agentReadSeq ? { ...state, agentReadSeq: a.upTo } : state;
    case 'rated':
      return { ...state, session: a.session, rated: true };
    case 'error':
      return { ...state, error: a.error };
  }
}

/** The message type that goes with an attachment's (server-detected) type. */
export function messageTypeFor(mime: string): MessageType {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}

/** One customer chat over the customer socket: messages, queue position, typing, receipts, close, rate. */
export function useCustomerChat(creds: CustomerCredentials) {
  const [state, dispatch] = useReducer(reducer, initial);
  const lastSeq = useRef(0);
  useEffect(() => {
    lastSeq.current = state.messages.length ? state.messages[state.messages.length - 1].seq : 0;
  }, [state.messages]);
  const manager = useManagedConnection(() => createCustomerConnection(creds, () => lastSeq.current));
  const conn = useConnectionState(manager);

  useRealtimeData<CustomerEvents['auth_success']>('auth_success', (d) => dispatch({ type: 'session', session: d.session }), manager);
  useRealtimeData<CustomerEvents['session_update']>('session_update', (d) => dispatch({ type: 'session', session: d.session }), manager);
  useRealtimeData<CustomerEvents['message_created']>('message_created', (d) => dispatch({ type: 'messages', messages: [d.message] }), manager);
  useRealtimeData<{ messages: Message[] }>(MESSAGES_POLL_EVENT, (d) => dispatch({ type: 'messages', messages: d.messages }), manager);
  useRealtimeData<CustomerEvents['message_ack']>(
    'message_ack',
    (d) => dispatch({ type: 'acked', clientMsgId: d.client_msg_id, message: d.message }),
    manager,
  );
  useRealtimeData<CustomerEvents['queue_position']>(
    'queue_position',
    (d) => dispatch({ type: 'position', position: d.position, wait: d.estimated_wait_seconds }),
    manager,
  );
  useRealtimeData<CustomerEvents['typing_indicator']>('typing_indicator', (d) => dispatch({ type: 'typing', isTyping: d.is_typing }), manager);
  useRealtimeData<CustomerEvents['receipt']>(
    'receipt',
    (d) => d.reader_type === 'agent' && d.status === 'read' && dispatch({ type: 'read', upTo: d.up_to_seq }),
    manager,
  );
  useRealtimeData<CustomerEvents['rated']>('rated', (d) => dispatch({ type: 'rated', session: d.session }), manager);
  useRealtimeData<CustomerEvents['error']>(
    'error',
    (d) => {
      if (d.client_msg_id) dispatch({ type: 'failed', clientMsgId: d.client_msg_id, error: d.message ?? d.code });
      else dispatch({ type: 'error', error: d.message ?? d.code });
    },
    manager,
  );

  // Tell the agent we have read their messages (the widget is open while this hook runs).
  const lastAgentSeq = [...state.messages].reverse().find((m) => m.sender_type === 'agent')?.seq ?? 0;
  const readSent = useRef(0);
  useEffect(() => {
    if (lastAgentSeq > readSent.current && manager.send({ type: 'receipt', data: { up_to_seq: lastAgentSeq, status: 'read' } }))
      readSent.current = lastAgentSeq;
  }, [lastAgentSeq, manager, conn.status]);

  const send = useCallback(
    async (body: string) => {
      const id = newClientMsgId();
      dispatch({ type: 'pending', pending: { client_msg_id: id, body, created_at: new Date().toISOString() } });
      if (manager.send({ type: 'send_message', data: { body, type: 'text', client_msg_id: id } })) return;
      try {
        const res = await postCustomerMessage(creds.origin, creds.token, creds.sessionId, body, id);
        dispatch({ type: 'acked', clientMsgId: id, message: res.message });
      } catch (err) {
        dispatch({ type: 'failed', clientMsgId: id, error: err instanceof ApiError ? err.message : 'Not sent' });
      }
    },
    [manager, creds],
  );
  const sendFile = useCallback(
    async (file: File, caption: string) => {
      const id = newClientMsgId();
      dispatch({ type: 'pending', pending: { client_msg_id: id, body: caption, fileName: file.name, created_at: new Date().toISOString() } });
      try {
        const { attachment } = await postCustomerAttachment(creds.origin, creds.token, creds.sessionId, file);
        const type = messageTypeFor(attachment.mime);
        const attachmentId = attachment.id ?? '';
        if (manager.send({ type: 'send_message', data: { body: caption, type, attachment_id: attachmentId, client_msg_id: id } })) return;
        const res = await postCustomerMessage(creds.origin, creds.token, creds.sessionId, caption, id, { type, attachmentId });
        dispatch({ type: 'acked', clientMsgId: id, message: res.message });
      } catch (err) {
        const text =
          err instanceof ApiError && err.status === 413
            ? 'That file is too big (10 MB at most).'
            : err instanceof ApiError && err.status === 415
              ? 'That kind of file cannot be sent. Try an image, PDF, text, audio or video file.'
              : err instanceof ApiError
                ? err.message
                : 'The file was not sent.';
        dispatch({ type: 'failed', clientMsgId: id, error: text });
      }
    },
    [manager, creds],
  );
  const loadAttachment = useCallback((url: string) => getCustomerAttachment(creds.origin, creds.token, url), [creds]);
  const typing = useCallback((isTyping: boolean) => manager.send({ type: 'typing', data: { is_typing: isTyping } }), [manager]);
  // Close and rate go over the socket, or over REST while it is down.
  const close = useCallback(async () => {
    if (manager.send({ type: 'close' })) return;
    try {
      const res = await postCustomerClose(creds.origin, creds.token, creds.sessionId);
      dispatch({ type: 'session', session: res.session });
    } catch (err) {
      dispatch({ type: 'error', error: err instanceof Error ? err.message : 'Could not end the chat' });
    }
  }, [manager, creds]);
  const rate = useCallback(
    async (rating: number, comment: string) => {
      if (manager.send({ type: 'rate', data: comment ? { rating, comment } : { rating } })) return;
      try {
        const res = await postCustomerRating(creds.origin, creds.token, creds.sessionId, rating, comment || undefined);
        dispatch({ type: 'rated', session: res.session });
      } catch (err) {
        dispatch({ type: 'error', error: err instanceof Error ? err.message : 'Could not send the rating' });
      }
    },
    [manager, creds],
  );

  return { state, status: conn.status, send, sendFile, loadAttachment, typing, close, rate };
}
