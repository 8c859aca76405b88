import { describe, expect, it } from 'vitest';
import type { Message, Session } from '../../../api/types';
import { agentReducer, initialAgentState, myMessageStatus } from './agent-state';

const session = (id: number, over: Partial<Session> = {}): Session => ({
  id,
  status: 'waiting',
  customer: { id: 100 + id, name: `Customer ${id}`, email: `c${id}@example.com` },
  agent: null,
  subject: null,
  created_at: `2026-11-24T20:0${id}:00.000Z`,
  assigned_at: null,
  closed_at: null,
  close_reason: null,
  wait_seconds: 0,
  unread_count: 0,
  last_message: null,
  ...over,
});
const msg = (seq: number, sender: Message['sender_type'], over: Partial<Message> = {}): Message => ({
  id: seq,
  session_id: 1,
  seq,
  sender_type: sender,
  sender_user_id: null,
  type: 'text',
  body: `m${seq}`,
  status: 'sent',
  client_msg_id: null,
  attachment: null,
  created_at: '2026-11-24T20:15:03.123Z',
  ...over,
});

describe('agentReducer', () => {
  it('moves a session from the queue to my chats when it is assigned to me', () => {
    let s = agentReducer(initialAgentState, { type: 'queue', sessions: [session(1), session(2)] });
    s = agentReducer(s, { type: 'session', me: 7, session: session(1, { status: 'active', agent: { id: 7, name: 'Alice' }, unread_count: 2 }) });
    expect(s.queue.map((q) => q.id)).toEqual([2]);
    expect(Object.keys(s.chats)).toEqual(['1']);
    expect(s.unread[1]).toBe(2);
    // Taken by someone else: leaves the queue, never enters my chats.
    s = agentReducer(s, { type: 'session', me: 7, session: session(2, { status: 'active', agent: { id: 8, name: 'Bob' } }) });
    expect(s.queue).toEqual([]);
    expect(Object.keys(s.chats)).toEqual(['1']);
  });

  it('counts unread customer messages outside the open chat and clears them on select', () => {
    let s = agentReducer(initialAgentState, { type: 'connected', sessions: [session(1, { status: 'active', agent: { id: 7, name: 'A' } })] });
    s = agentReducer(s, { type: 'message', sessionId: 1, message: msg(1, 'customer') });
    s = agentReducer(s, { type: 'message', sessionId: 1, message: msg(1, 'customer') }); // duplicate
    s = agentReducer(s, { type: 'message', sessionId: 1, message: msg(2, 'customer') });
    expect(s.unread[1]).toBe(2);
    expect(s.messages[1].map((m) => m.seq)).toEqual([1, 2]);
    s = agentReducer(s, { type: 'select', sessionId: 1 });
    expect(s.unread[1]).toBe(0);
    s = agentReducer(s, { type: 'message', sessionId: 1, message: msg(3, 'customer') });
    expect(s.unread[1]).toBe(0);
  });

  it('replaces a pending message by its ack and tracks read receipts', () => {
    let s = agentReducer(initialAgentState, {
      type: 'send',
      sessionId: 1,
      pending: { client_msg_id: 'c1', body: 'hi', created_at: '2026-11-24T20:15:03.123Z' },
    });
    expect(s.pending[1]).toHaveLength(1);
    const m = msg(4, 'agent', { client_msg_id: 'c1' });
    s = agentReducer(s, { type: 'ack', sessionId: 1, clientMsgId: 'c1', message: m });
    expect(s.pending[1]).toHaveLength(0);
    expect(myMessageStatus(s, 1, m)).toBe('sent');
    s = agentReducer(s, { type: 'receipt', sessionId: 1, upToSeq: 4, status: 'read' });
    expect(myMessageStatus(s, 1, m)).toBe('read');
  });

  it('drops a revoked chat and says why', () => {
    let s = agentReducer(initialAgentState, { type: 'connected', sessions: [session(1, { status: 'active' })] });
    s = agentReducer(s, { type: 'select', sessionId: 1 });
    s = agentReducer(s, { type: 'revoked', sessionId: 1 });
    expect(s.chats).toEqual({});
    expect(s.selected).toBeNull();
    expect(s.notice).toMatch(/back to the queue/);
  });
});
