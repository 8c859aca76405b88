// Fixture data for unit tests, shaped like the server's JSON (docs/api.md).
import type { Agent, Message, Metrics, Note, Queue, Session } from '../api/types';

export const T0 = '2026-11-24T20:00:00.000Z';

export function session(id: number, over: Partial<Session> = {}): Session {
  return {
    id,
    status: 'active',
    customer: { id: 100 + id, name: `Customer ${id}`, email: `c${id}@example.com` },
    agent: { id: 7, name: 'Alice Agent' },
    subject: `Subject ${id}`,
    created_at: T0,
    assigned_at: T0,
    closed_at: null,
    close_reason: null,
    wait_seconds: 12,
    unread_count: 0,
    last_message: message(1, { session_id: id, body: `last of ${id}` }),
    priority: 0,
    first_response_at: null,
    queue_position: 0,
    ...over,
  };
}

export function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: seq,
    session_id: 1,
    seq,
    sender_type: 'customer',
    sender_user_id: null,
    type: 'text',
    body: `message ${seq}`,
    status: 'sent',
    client_msg_id: null,
    attachment: null,
    created_at: T0,
    ...over,
  };
}

export function note(id: number, over: Partial<Note> = {}): Note {
  return {
    id,
    session_id: 1,
    author: { id: 7, name: 'Alice Agent' },
    kind: 'note',
    body: `note ${id}`,
    created_at: `2026-11-24T20:0${id % 10}:00.000Z`,
    updated_at: `2026-11-24T20:0${id % 10}:00.000Z`,
    ...over,
  };
}

export function queue(sessions: Session[]): Queue {
  return { depth: sessions.length, sessions, avg_wait_seconds: 30, longest_wait_seconds: 95 };
}

export const agents: Agent[] = [
  { id: 7, name: 'Alice Agent', status: 'active', active_sessions: 2, sessions_handled_today: 5, avg_resolution_seconds: 300, satisfaction: 4.5, last_active_at: T0 },
  { id: 8, name: 'Bob Agent', status: 'idle', active_sessions: 0, sessions_handled_today: 1, avg_resolution_seconds: null, satisfaction: null, last_active_at: null },
  { id: 9, name: 'Carol Agent', status: 'offline', active_sessions: 0, sessions_handled_today: 0, avg_resolution_seconds: null, satisfaction: null, last_active_at: null },
];

export function metrics(over: Partial<Metrics> = {}): Metrics {
  return {
    active_sessions: 3,
    waiting_sessions: 2,
    sessions_today: 41,
    closed_today: 36,
    missed_today: 1,
    avg_wait_seconds: 45,
    avg_first_response_seconds: 20,
    avg_resolution_seconds: 380,
    avg_chat_duration_seconds: 400,
    longest_wait_seconds: 95,
    avg_response_seconds: 15,
    max_response_seconds: 60,
    agents: { active: 2, idle: 1, in_call: 0, offline: 1 },
    csat: {
      average: 4.5,
      count: 12,
      distribution: { '1': 0, '2': 1, '3': 1, '4': 2, '5': 8 },
      change_pct: 5,
      satisfaction_score: 0.83,
      response_rate: 0.4,
    },
    messages: {
      today: 512,
      per_hour: Array.from({ length: 24 }, (_, i) => i),
      peak_hour: 14,
      by_type: { text: 500, image: 10, file: 2, audio: 0, video: 0 },
      by_status: { sent: 10, delivered: 20, read: 482, failed: 0 },
    },
    ...over,
  };
}
