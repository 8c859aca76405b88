import type { AgentStatus, ChangeAction, Message, Note, Session, Transfer } from '../../../api/types';

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
  /** Private notes per chat (kind "note"). */
  notes: Record<number, Note[]>;
  /** Supervisor whispers per chat: shown apart from the transcript, never to the customer. */
  whispers: Record<number, Note[]>;
  unseenWhispers: Record<number, number>;
  /** Pending transfers offered to me. */
  incoming: Transfer[];
  /** The chat of each incoming transfer, when a session_update named it. */
  transferSessions: Record<number, Session>;
  /** My pending transfer per chat. */
  outgoing: Record<number, Transfer>;
  /** Agents seen on the floor (session updates, status changes, or the supervisor's list). */
  agents: Record<number, KnownAgent>;
}

export interface KnownAgent {
  id: number;
  name: string;
  status?: AgentStatus;
  activeSessions?: number;
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
  notes: {},
  whispers: {},
  unseenWhispers: {},
  incoming: [],
  transferSessions: {},
  outgoing: {},
  agents: {},
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
  | { type: 'notice'; text: string | null }
  | { type: 'notes_loaded'; sessionId: number; notes: Note[] }
  | { type: 'note'; note: Note; action: ChangeAction }
  | { type: 'transfer_requested'; transfer: Transfer }
  | { type: 'transfer_update'; me: number; transfer: Transfer }
  | { type: 'transfer_session'; transfer: Transfer; session: Session }
  | { type: 'agent_seen'; agent: KnownAgent }
  | { type: 'agents_loaded'; agents: KnownAgent[] };

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

function upsertNote(list: Note[] = [], note: Note, action: ChangeAction): Note[] {
  const others = list.filter((n) => n.id !== note.id);
  if (action === 'deleted') return others;
  return [...others, note].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
}

function agentName(state: AgentState, id: number | null): string {
  if (id === null) return 'the queue';
  return state.agents[id]?.name || `agent #${id}`;
}

/** What the console says when a transfer I am part of ends. */
export function transferOutcomeText(state: AgentState, me: number, t: Transfer): string | null {
  const chat = `chat #${t.session_id}`;
  if (t.from_agent_id === me) {
    // The REST answer and the live transfer_update may come in either order: both say this.
    if (t.to_agent_id === null && t.status === 'accepted') return `Chat #${t.session_id} went back to the head of the queue.`;
    const to = agentName(state, t.to_agent_id);
    if (t.status === 'accepted') return `${to} accepted the transfer of ${chat}.`;
    if (t.status === 'declined') return `${to} declined the transfer of ${chat}; it stays with you.`;
    if (t.status === 'expired') return `${to} did not answer the transfer of ${chat} in time; it stays with you.`;
    if (t.status === 'cancelled') return `The transfer of ${chat} was cancelled.`;
    return null;
  }
  if (t.to_agent_id === me) {
    if (t.status === 'expired') return `The transfer request for ${chat} expired.`;
    if (t.status === 'cancelled') return `The transfer request for ${chat} was withdrawn.`;
  }
  return null;
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
        unseenWhispers: action.sessionId === null ? state.unseenWhispers : without(state.unseenWhispers, action.sessionId),
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
    case 'notes_loaded': {
      const sorted = [...action.notes].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
      return {
        ...state,
        notes: { ...state.notes, [action.sessionId]: sorted.filter((n) => n.kind !== 'whisper') },
        whispers: { ...state.whispers, [action.sessionId]: sorted.filter((n) => n.kind === 'whisper') },
      };
    }
    case 'note': {
      const n = action.note;
      if (n.kind === 'whisper') {
        const isNew = !(state.whispers[n.session_id] ?? []).some((w) => w.id === n.id);
        const unseen =
          isNew && action.action === 'created' && state.selected !== n.session_id
            ? { ...state.unseenWhispers, [n.session_id]: (state.unseenWhispers[n.session_id] ?? 0) + 1 }
            : state.unseenWhispers;
        return {
          ...state,
          whispers: { ...state.whispers, [n.session_id]: upsertNote(state.whispers[n.session_id], n, action.action) },
          unseenWhispers: unseen,
        };
      }
      return { ...state, notes: { ...state.notes, [n.session_id]: upsertNote(state.notes[n.session_id], n, action.action) } };
    }
    case 'transfer_requested': {
      const t = action.transfer;
      return { ...state, incoming: [...state.incoming.filter((x) => x.id !== t.id), t] };
    }
    case 'transfer_session':
      return { ...state, transferSessions: { ...state.transferSessions, [action.transfer.id]: action.session } };
    case 'transfer_update': {
      const t = action.transfer;
      const pending = t.status === 'pending';
      const incoming = pending
        ? state.incoming.map((x) => (x.id === t.id ? t : x))
        : state.incoming.filter((x) => x.id !== t.id);
      let outgoing = state.outgoing;
      if (t.from_agent_id === action.me) {
        if (pending && t.to_agent_id !== null) outgoing = { ...outgoing, [t.session_id]: t };
        else if (outgoing[t.session_id]?.id === t.id) outgoing = without(outgoing, t.session_id);
      }
      const text = transferOutcomeText(state, action.me, t);
      return { ...state, incoming, outgoing, notice: text ?? state.notice };
    }
    case 'agent_seen': {
      const prev = state.agents[action.agent.id];
      const next = { ...prev, ...action.agent, name: action.agent.name || prev?.name || '' };
      if (prev && prev.name === next.name && prev.status === next.status && prev.activeSessions === next.activeSessions) return state;
      return { ...state, agents: { ...state.agents, [next.id]: next } };
    }
    case 'agents_loaded': {
      const agents = { ...state.agents };
      for (const a of action.agents) agents[a.id] = { ...agents[a.id], ...a };
      return { ...state, agents };
    }
  }
}

/** The status of one of my messages as the customer sees it. */
export function myMessageStatus(state: AgentState, sessionId: number, m: Message): Message['status'] {
  if ((state.customerRead[sessionId] ?? 0) >= m.seq) return 'read';
  if ((state.customerDelivered[sessionId] ?? 0) >= m.seq && m.status !== 'read') return 'delivered';
  return m.status;
}
