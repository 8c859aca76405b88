import { describe, expect, it } from 'vitest';
import type { Queue, Session } from '../../../api/types';
import { applySessionToActive } from './use-active-sessions';
import { applySessionToQueue } from './use-queue-updates';
import { mergeMessages } from './use-session-updates';

const s = (id: number, status: Session['status'], minute = id): Session => ({
  id,
  status,
  customer: { id, name: `C${id}`, email: `c${id}@x.test` },
  agent: null,
  subject: '',
  created_at: `2026-11-24T20:${String(minute).padStart(2, '0')}:00.000Z`,
  assigned_at: null,
  closed_at: null,
  close_reason: null,
  wait_seconds: 0,
  unread_count: 0,
  last_message: null,
  priority: 0,
  first_response_at: null,
  queue_position: 0,
});

describe('dashboard list patches', () => {
  it('keeps the queue to waiting sessions, oldest first', () => {
    const q: Queue = { depth: 1, sessions: [s(2, 'waiting')], avg_wait_seconds: null, longest_wait_seconds: null };
    const withOlder = applySessionToQueue(q, s(1, 'waiting'));
    expect(withOlder.sessions.map((x) => x.id)).toEqual([1, 2]);
    expect(withOlder.depth).toBe(2);
    const assigned = applySessionToQueue(withOlder, s(1, 'active'));
    expect(assigned.sessions.map((x) => x.id)).toEqual([2]);
    expect(applySessionToQueue(assigned, s(9, 'closed'))).toBe(assigned);
  });

  it('adds, updates and removes active sessions', () => {
    let list = applySessionToActive([], s(1, 'active'));
    list = applySessionToActive(list, { ...s(1, 'active'), unread_count: 3 });
    expect(list).toHaveLength(1);
    expect(list[0].unread_count).toBe(3);
    expect(applySessionToActive(list, s(1, 'closed'))).toEqual([]);
  });

  it('merges messages by seq without duplicates', () => {
    const m = (seq: number) => ({ seq, body: `b${seq}` }) as never;
    expect(mergeMessages([m(1), m(3)], [m(2), m(3)]).map((x: { seq: number }) => x.seq)).toEqual([1, 2, 3]);
  });
});
