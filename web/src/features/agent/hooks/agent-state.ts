import type { AgentStatus, Message, Session } from '../../../api/types';

export interface PendingMessage {
  client_msg_id: string;
  body: string;
  created_at: string;
  failed?: boolean;
}

export interface AgentState {
  status: AgentStatus | null;
  chats: Record<number, Session>;
  queue: Session[];
  messages: Record<number, Message[]>;
  pending: Record<number, PendingMessage[]>;
  unread: Record<number, number>;
  typing: Record<number, boolean>;
  /** Highest seq of mine the customer has read / got. */
  customerRead: Record<number, number>;
  customerDelivered: Record<number, number>;
  selected: number | null;
  notice: string | null;
}

export const initialAgentState: AgentState = {
  status: null,
  chats: {},
  queue: [],
  messages: {},
  pending: {},
  unread: {},
  typing: {},
  customerRead: {},
  customerDelivered: {},
  selected: null,
  notice: null,
};

export type AgentAction =
  | { type: 'connected'; sessions: Session[] }
  | { type: 'sessions'; sessions: Session[] }
  | { type: 'queue'; sessions: Session[] }
  | { type: 'session'; me: number; session: Session }
  | { type: 'message'; sessionId: number; message: Message }
  | { type: 'history'; sessionId: number; messages: Message[] }
  | { type: 'ack'; sessionId: number; clientMsgId: string | null; message: Message }
  | { type: 'send'; sessionId: number; pending: PendingMessage }
  | { type: 'send_failed'; clientMsgId: string }
  | { type: 'typing'; sessionId: number; isTyping: boolean }
  | { type: 'receipt'; sessionId: number; upToSeq: number; status: 'delivered' | 'read' }
  | { type: 'status'; status: AgentStatus }
  | { type: 'select'; sessionId: number | null }
  | { type: 'revoked'; sessionId: number }
  | { type: 'dismiss'; sessionId: number }
  | { type: 'notice'; text: string | null };

function mergeMessages(list: Message[] = [], incoming: Message[]): Message[] {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function without<T>(record: Record<number, T>, key: number): Record<number, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

function upsertQueue(queue: Session[], session: Session): Session[] {
  const others = queue.filter((s) => s.id !== session.id);
  if (session.status !== 'waiting') return others.length === queue.length ? queue : others;
  return [...others, session].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
}

export function agentReducer(state: AgentState, action: AgentAction): AgentState {
  switch (action.type) {
    case 'connected':
    case 'sessions': {
      const chats: Record<number, Session> = {};
      const unread = { ...state.unread };
      for (const s of action.sessions) {
        chats[s.id] = s;
        if (!(s.id in unread) && s.id !== state.selected) unread[s.id] = s.unread_count;
      }
      // Keep closed chats that are still on screen.
      for (const s of Object.values(state.chats)) if (s.status === 'closed') chats[s.id] = s;
      return { ...state, chats, unread };
    }
    case 'queue':
      return { ...state, queue: action.sessions };
    case 'session': {
      const s = action.session;
      const queue = upsertQueue(state.queue, s);
      const mine = s.agent?.id === action.me;
      let chats = state.chats;
      let unread = state.unread;
      if (mine && s.status === 'active') {
        chats = { ...chats, [s.id]: s };
        if (!(s.id in state.chats) && s.id !== state.selected) unread = { ...unread, [s.id]: s.unread_count };
      } else if (s.id in chats) {
        // Closed: stays on screen (dimmed) until dismissed; moved to someone else: gone.
        chats = s.status === 'closed' ? { ...chats, [s.id]: s } : without(chats, s.id);
      }
      return { ...state, queue, chats, unread };
    }
    case 'message': {
      const m = { ...action.message, session_id: action.sessionId };
      const messages = { ...state.messages, [action.sessionId]: mergeMessages(state.messages[action.sessionId], [m]) };
      const isNew = !(state.messages[action.sessionId] ?? []).some((x) => x.seq === m.seq);
      const unread =
        isNew && m.sender_type === 'customer' && state.selected !== action.sessionId
          ? { ...state.unread, [action.sessionId]: (state.unread[action.sessionId] ?? 0) + 1 }
          : state.unread;
      const typing = m.sender_type === 'customer' ? { ...state.typing, [action.sessionId]: false } : state.typing;
      const pending =
        m.client_msg_id && state.pending[action.sessionId]
          ? {
              ...state.pending,
              [action.sessionId]: state.pending[action.sessionId].filter((p) => p.client_msg_id !== m.client_msg_id),
            }
          : state.pending;
      return { ...state, messages, unread, typing, pending };
    }
    case 'history':
      return {
        ...state,
        messages: { ...state.messages, [action.sessionId]: mergeMessages(state.messages[action.sessionId], action.messages) },
      };
    case 'ack': {
      const list = state.pending[action.sessionId] ?? [];
      return {
        ...state,
        pending: { ...state.pending, [action.sessionId]: list.filter((p) => p.client_msg_id !== action.clientMsgId) },
        messages: {
          ...state.messages,
          [action.sessionId]: mergeMessages(state.messages[action.sessionId], [action.message]),
        },
      };
    }
    case 'send':
      return {
        ...state,
        pending: { ...state.pending, [action.sessionId]: [...(state.pending[action.sessionId] ?? []), action.pending] },
      };
    case 'send_failed': {
      const pending: Record<number, PendingMessage[]> = {};
      for (const [k, list] of Object.entries(state.pending))
        pending[Number(k)] = list.map((p) => (p.client_msg_id === action.clientMsgId ? { ...p, failed: true } : p));
      return { ...state, pending };
    }
    case 'typing':
      return { ...state, typing: { ...state.typing, [action.sessionId]: action.isTyping } };
    case 'receipt': {
      const key = action.status === 'read' ? 'customerRead' : 'customerDelivered';
      const current = state[key][action.sessionId] ?? 0;
      if (action.upToSeq <= current) return state;
      return { ...state, [key]: { ...state[key], [action.sessionId]: action.upToSeq } };
    }
    case 'status':
      return { ...state, status: action.status };
    case 'select':
      return {
        ...state,
        selected: action.sessionId,
        unread: action.sessionId === null ? state.unread : { ...state.unread, [action.sessionId]: 0 },
      };
    case 'revoked':
      return {
        ...state,
        chats: without(state.chats, action.sessionId),
        selected: state.selected === action.sessionId ? null : state.selected,
        notice: `Chat #${action.sessionId} went back to the queue: it was not answered in time.`,
      };
    case 'dismiss':
      return {
        ...state,
        chats: without(state.chats, action.sessionId),
        selected: state.selected === action.sessionId ? null : state.selected,
      };
    case 'notice':
      return { ...state, notice: action.text };
  }
}

/** The status of one of my messages as the customer sees it. */
export function myMessageStatus(state: AgentState, sessionId: number, m: Message): Message['status'] {
  if ((state.customerRead[sessionId] ?? 0) >= m.seq) return 'read';
  if ((state.customerDelivered[sessionId] ?? 0) >= m.seq && m.status !== 'read') return 'delivered';
  return m.status;
}
