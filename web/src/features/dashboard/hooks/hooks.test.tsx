import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../../../services/fake-websocket.test-util';
import { RealtimeContext } from '../../../services/realtime-context';
import { ConnectionManager } from '../../../services/websocket';
import { agents, message, metrics, note, queue, session } from '../../../test/fixtures';
import { useActiveSessions } from './use-active-sessions';
import { useAgentStatusUpdates } from './use-agent-status-updates';
import { useLiveMetrics } from './use-live-metrics';
import { useQueueUpdates } from './use-queue-updates';
import { useSessionUpdates } from './use-session-updates';

// The REST calls answer fixtures; the socket is the fake one.
vi.mock('../api/get-waiting-queue', () => ({ getWaitingQueue: vi.fn(async () => queue([])) }));
vi.mock('../api/get-overview', () => ({ getOverview: vi.fn(async () => metrics()) }));
vi.mock('../api/get-active-sessions', () => ({ getActiveSessions: vi.fn(async () => ({ sessions: [] })) }));
vi.mock('../api/get-agents', () => ({ getAgents: vi.fn(async () => ({ agents })) }));
vi.mock('../api/get-session', () => ({ getSession: vi.fn(async (id: number) => ({ session: session(id) })) }));
vi.mock('../api/get-session-messages', () => ({ getSessionMessages: vi.fn(async () => ({ messages: [message(1)] })) }));
vi.mock('../api/get-session-notes', () => ({
  getSessionNotes: vi.fn(async () => ({ notes: [note(1), note(2, { kind: 'whisper', author: { id: 3, name: 'Sam' } })] })),
}));

let manager: ConnectionManager;
let ws: FakeWebSocket;
const wrapper = ({ children }: { children: ReactNode }) => <RealtimeContext.Provider value={manager}>{children}</RealtimeContext.Provider>;

beforeEach(() => {
  FakeWebSocket.reset();
  manager = new ConnectionManager({ url: 'ws://test/ws', authData: () => ({ token: 't' }), WebSocketImpl: FakeWebSocket });
  manager.start();
  ws = FakeWebSocket.last();
  ws.accept();
});
afterEach(() => {
  cleanup();
  manager.stop();
});

const push = (type: string, data: unknown) => act(() => ws.serverSend(type, data));

describe('useQueueUpdates', () => {
  it('loads the queue, then follows snapshots, session changes and depth changes', async () => {
    const { result } = renderHook(() => useQueueUpdates(), { wrapper });
    await waitFor(() => expect(result.current.data).not.toBeNull());
    expect(result.current.data?.depth).toBe(0);

    push('session_update', { session: session(4, { status: 'waiting', agent: null }), change: 'created' });
    expect(result.current.data?.sessions.map((s) => s.id)).toEqual([4]);
    push('queue_depth_changed', { depth: 3, previous_depth: 1 });
    expect(result.current.data?.depth).toBe(3);
    push('queue_updated', queue([session(9, { status: 'waiting' })]));
    expect(result.current.data?.sessions.map((s) => s.id)).toEqual([9]);
    push('session_update', { session: session(9, { status: 'active' }), change: 'assigned' });
    expect(result.current.data?.sessions).toEqual([]);
  });

  it('releases its handlers on unmount', async () => {
    const { unmount, result } = renderHook(() => useQueueUpdates(), { wrapper });
    await waitFor(() => expect(result.current.data).not.toBeNull());
    expect(manager.handlerCount('queue_updated')).toBe(1);
    unmount();
    expect(manager.handlerCount()).toBe(0);
  });
});

describe('useLiveMetrics', () => {
  it('replaces the metrics on every metrics_updated push', async () => {
    const { result } = renderHook(() => useLiveMetrics(), { wrapper });
    await waitFor(() => expect(result.current.data?.csat.count).toBe(12));
    const m = metrics();
    push('metrics_updated', { metrics: { ...m, csat: { ...m.csat, count: 13, average: 4.6 } } });
    expect(result.current.data?.csat.count).toBe(13);
    expect(result.current.data?.csat.average).toBe(4.6);
  });
});

describe('useActiveSessions', () => {
  it('applies snapshots and single-session patches', async () => {
    const { result } = renderHook(() => useActiveSessions(), { wrapper });
    await waitFor(() => expect(result.current.data).toEqual([]));
    push('session_update', { session: session(1), change: 'assigned' });
    push('session_update', { session: session(2), change: 'assigned' });
    expect(result.current.data?.map((s) => s.id)).toEqual([1, 2]);
    push('session_update', { session: session(1, { status: 'closed' }), change: 'closed' });
    expect(result.current.data?.map((s) => s.id)).toEqual([2]);
    push('active_sessions_updated', { sessions: [session(5)] });
    expect(result.current.data?.map((s) => s.id)).toEqual([5]);
  });
});

describe('useAgentStatusUpdates', () => {
  it('patches an agent status at once', async () => {
    const { result } = renderHook(() => useAgentStatusUpdates(), { wrapper });
    await waitFor(() => expect(result.current.data).toHaveLength(3));
    push('agent_status_changed', { agent_id: 8, name: 'Bob Agent', status: 'in_call', previous_status: 'idle' });
    expect(result.current.data?.find((a) => a.id === 8)?.status).toBe('in_call');
  });
});

describe('useSessionUpdates (silent monitoring)', () => {
  it('watches the chat, takes its frames only, and unwatches on close', async () => {
    const { result, unmount } = renderHook(() => useSessionUpdates(1), { wrapper });
    expect(ws.sent).toContainEqual({ type: 'watch', data: { session_id: 1 } });
    // Never a floor-wide subscription to every chat's messages.
    expect(ws.types()).not.toContain('subscribe');
    await waitFor(() => expect(result.current.messages.map((m) => m.seq)).toEqual([1]));
    await waitFor(() => expect(result.current.notes.map((n) => n.id)).toEqual([1]));
    expect(result.current.whispers.map((n) => n.id)).toEqual([2]);

    push('watching', { session_id: 1 });
    expect(result.current.watching).toBe(true);
    push('message_created', { session_id: 1, message: message(2, { body: 'hello' }) });
    push('message_created', { session_id: 99, message: message(7, { session_id: 99 }) });
    expect(result.current.messages.map((m) => m.seq)).toEqual([1, 2]);
    push('typing_indicator', { session_id: 1, sender_type: 'customer', is_typing: true });
    expect(result.current.typing).toBe('customer');
    push('whisper', { note: note(5, { kind: 'whisper', body: 'psst' }), action: 'created' });
    expect(result.current.whispers.map((n) => n.body)).toContain('psst');
    push('note_update', { note: note(1), action: 'deleted' });
    expect(result.current.notes).toEqual([]);

    unmount();
    expect(ws.sent[ws.sent.length - 1]).toEqual({ type: 'unwatch', data: { session_id: 1 } });
  });

  it('watches again after a reconnect', async () => {
    vi.useFakeTimers();
    try {
      renderHook(() => useSessionUpdates(3), { wrapper });
      act(() => ws.serverClose(1006));
      act(() => {
        vi.advanceTimersByTime(3000);
      });
      const next = FakeWebSocket.last();
      expect(next).not.toBe(ws);
      act(() => next.accept());
      expect(next.sent).toContainEqual({ type: 'watch', data: { session_id: 3 } });
    } finally {
      vi.useRealTimers();
    }
  });
});
