import { describe, expect, it } from 'vitest';
import type { Message, Note, Session, Transfer } from '../../../api/types';
import { agentReducer, initialAgentState, myMessageStatus, transferOutcomeText } from './agent-state';

const session = (id: number, over: Partial<Session> = {}): Session => ({
  id,
  status: 'waiting',
  customer: { id: 100 + id, name: `Customer ${id}`, email: `c${id}@example.com` },
  agent: null,
  subject: '',
  created_at: `2026-11-24T20:0${id}:00.000Z`,
  assigned_at: null,
  closed_at: null,
  close_reason: null,
  wait_seconds: 0,
  unread_count: 0,
  last_message: null,
  priority: 0,
  first_response_at: null,
  queue_position: 0,
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

describe('agentReducer: agent tools', () => {
  const note = (id: number, over: Partial<Note> = {}): Note => ({
    id,
    session_id: 1,
    author: { id: 7, name: 'Alice' },
    kind: 'note',
    body: `n${id}`,
    created_at: `2026-11-24T20:0${id}:00.000Z`,
    updated_at: `2026-11-24T20:0${id}:00.000Z`,
    ...over,
  });
  const transfer = (over: Partial<Transfer> = {}): Transfer => ({
    id: 50,
    session_id: 1,
    from_agent_id: 8,
    to_agent_id: 7,
    reason: 'billing',
    status: 'pending',
    created_at: '2026-11-24T20:00:00.000Z',
    resolved_at: null,
    ...over,
  });

  it('keeps notes and whispers apart and applies note_update changes', () => {
    let s = agentReducer(initialAgentState, {
      type: 'notes_loaded',
      sessionId: 1,
      notes: [note(2), note(1, { kind: 'whisper', author: { id: 3, name: 'Sam' } })],
    });
    expect(s.notes[1].map((n) => n.id)).toEqual([2]);
    expect(s.whispers[1].map((n) => n.id)).toEqual([1]);
    s = agentReducer(s, { type: 'note', note: note(3), action: 'created' });
    s = agentReducer(s, { type: 'note', note: note(2, { body: 'edited' }), action: 'updated' });
    expect(s.notes[1].map((n) => n.body)).toEqual(['edited', 'n3']);
    s = agentReducer(s, { type: 'note', note: note(3), action: 'deleted' });
    expect(s.notes[1].map((n) => n.id)).toEqual([2]);
  });

  it('counts whispers for chats that are not open until the chat is opened', () => {
    let s = agentReducer(initialAgentState, { type: 'note', note: note(4, { kind: 'whisper' }), action: 'created' });
    expect(s.unseenWhispers[1]).toBe(1);
    s = agentReducer(s, { type: 'select', sessionId: 1 });
    expect(s.unseenWhispers[1]).toBeUndefined();
    s = agentReducer(s, { type: 'note', note: note(5, { kind: 'whisper' }), action: 'created' });
    expect(s.unseenWhispers[1]).toBeUndefined();
    expect(s.whispers[1].map((w) => w.id)).toEqual([4, 5]);
  });

  it('lists an incoming transfer until it is answered or expires', () => {
    let s = agentReducer(initialAgentState, { type: 'agent_seen', agent: { id: 8, name: 'Bob' } });
    s = agentReducer(s, { type: 'transfer_requested', transfer: transfer() });
    expect(s.incoming.map((t) => t.id)).toEqual([50]);
    s = agentReducer(s, { type: 'transfer_update', me: 7, transfer: transfer({ status: 'expired' }) });
    expect(s.incoming).toEqual([]);
    expect(s.notice).toMatch(/expired/);
  });

  it('tracks my outgoing transfer and says how it ended', () => {
    let s = agentReducer(initialAgentState, { type: 'agent_seen', agent: { id: 9, name: 'Carol' } });
    const mine = transfer({ from_agent_id: 7, to_agent_id: 9 });
    s = agentReducer(s, { type: 'transfer_update', me: 7, transfer: mine });
    expect(s.outgoing[1]?.id).toBe(50);
    s = agentReducer(s, { type: 'transfer_update', me: 7, transfer: { ...mine, status: 'declined' } });
    expect(s.outgoing[1]).toBeUndefined();
    expect(s.notice).toBe('Carol declined the transfer of chat #1; it stays with you.');
    expect(transferOutcomeText(s, 7, { ...mine, status: 'accepted' })).toBe('Carol accepted the transfer of chat #1.');
  });

  it('says a transfer back to the queue the same way whichever answer comes first', () => {
    const toQueue = transfer({ from_agent_id: 7, to_agent_id: null, status: 'accepted' });
    const s = agentReducer(initialAgentState, { type: 'transfer_update', me: 7, transfer: toQueue });
    expect(s.notice).toBe('Chat #1 went back to the head of the queue.');
    const again = agentReducer(s, { type: 'transfer_update', me: 7, transfer: toQueue });
    expect(again.notice).toBe('Chat #1 went back to the head of the queue.');
  });
});
