import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { ConnectionManager, DEFAULT_BACKOFF_MS, type ConnectionOptions } from './websocket';
import { FakeWebSocket } from './fake-websocket.test-util';
import { RealtimeContext } from './realtime-context';
import { useConnectionState, useRealtimeData } from './use-realtime';

function makeManager(extra: Partial<ConnectionOptions> = {}) {
  return new ConnectionManager({
    url: 'ws://test/api/v1/admin/chat-dashboard/ws',
    authData: () => ({ token: 'tok-1' }),
    WebSocketImpl: FakeWebSocket,
    ...extra,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionManager', () => {
  it('sends the auth frame first, before anything else', () => {
    const m = makeManager();
    m.start();
    const ws = FakeWebSocket.last();
    expect(m.getState().status).toBe('connecting');
    expect(m.send({ type: 'request_queue_update' })).toBe(false); // not live yet: nothing goes out
    ws.serverOpen();
    expect(ws.sent[0]).toEqual({ type: 'auth', data: { token: 'tok-1' } });
    ws.serverSend('auth_success', { user_id: 1, role: 'supervisor' });
    expect(m.getState().status).toBe('live');
    expect(ws.sent).toHaveLength(1);
    m.stop();
  });

  it('sends a heartbeat every 30 s while live', () => {
    const m = makeManager();
    m.start();
    const ws = FakeWebSocket.last();
    ws.accept();
    vi.advanceTimersByTime(29_999);
    expect(ws.types()).toEqual(['auth']);
    vi.advanceTimersByTime(1);
    expect(ws.types()).toEqual(['auth', 'heartbeat']);
    vi.advanceTimersByTime(60_000);
    expect(ws.types()).toEqual(['auth', 'heartbeat', 'heartbeat', 'heartbeat']);
    m.stop();
    vi.advanceTimersByTime(60_000);
    expect(ws.types()).toHaveLength(4);
  });

  it('reconnects after 3, 6, 12, 24, 48 s, then polls while it keeps trying', async () => {
    const queuePoll = vi.fn(async () => ({ depth: 2, sessions: [] }));
    const activePoll = vi.fn(async () => ({ sessions: [] }));
    const m = makeManager({
      pollers: [
        { eventType: 'queue_updated', intervalMs: 3000, fetch: queuePoll },
        { eventType: 'active_sessions_updated', intervalMs: 30000, fetch: activePoll },
      ],
    });
    const queueEvents: unknown[] = [];
    m.on('queue_updated', (d) => queueEvents.push(d));
    m.start();
    FakeWebSocket.last().accept();
    FakeWebSocket.last().serverClose();
    expect(m.getState().status).toBe('reconnecting');

    for (const delay of DEFAULT_BACKOFF_MS) {
      const before = FakeWebSocket.instances.length;
      vi.advanceTimersByTime(delay - 1);
      expect(FakeWebSocket.instances.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(FakeWebSocket.instances.length).toBe(before + 1);
      expect(queuePoll).not.toHaveBeenCalled();
      FakeWebSocket.last().fail();
    }
    // Five attempts failed: polling starts at once...
    expect(m.getState().status).toBe('polling');
    expect(queuePoll).toHaveBeenCalledTimes(1);
    expect(activePoll).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(queuePoll).toHaveBeenCalledTimes(2);
    expect(queueEvents.length).toBeGreaterThanOrEqual(1);
    await vi.advanceTimersByTimeAsync(27000);
    expect(queuePoll).toHaveBeenCalledTimes(11);
    expect(activePoll).toHaveBeenCalledTimes(2);
    // ...and reconnecting goes on in the background (every 48 s).
    const before = FakeWebSocket.instances.length;
    await vi.advanceTimersByTimeAsync(48000 - 30000);
    expect(FakeWebSocket.instances.length).toBe(before + 1);
    // When it comes back, polling stops.
    FakeWebSocket.last().accept();
    expect(m.getState().status).toBe('live');
    const polled = queuePoll.mock.calls.length;
    await vi.advanceTimersByTimeAsync(30000);
    expect(queuePoll).toHaveBeenCalledTimes(polled);
    m.stop();
  });

  it('reconnects at once when a live socket is closed with 1012, and backs off when it keeps failing', () => {
    const m = makeManager();
    m.start();
    FakeWebSocket.last().accept();
    FakeWebSocket.last().serverClose(1012);
    const before = FakeWebSocket.instances.length;
    vi.advanceTimersByTime(0);
    expect(FakeWebSocket.instances.length).toBe(before + 1);
    // That attempt is refused: the normal backoff applies from here.
    FakeWebSocket.last().serverClose(1012);
    vi.advanceTimersByTime(DEFAULT_BACKOFF_MS[0] - 1);
    expect(FakeWebSocket.instances.length).toBe(before + 1);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.instances.length).toBe(before + 2);
    FakeWebSocket.last().accept();
    expect(m.getState().status).toBe('live');
    m.stop();
  });

  it('resubscribes opt-in events and asks for fresh data after a reconnect', () => {
    const m = makeManager({
      optInEvents: ['message_created', 'typing_indicator'],
      refreshFrames: [
        { type: 'request_queue_update' },
        { type: 'request_metrics_update' },
        { type: 'request_session_update' },
      ],
    });
    m.start();
    const first = FakeWebSocket.last();
    first.accept();
    const release = m.on('message_created', () => {});
    expect(first.sent.slice(1)).toEqual([{ type: 'subscribe', data: { event_types: ['message_created'] } }]);
    // The first connect does not ask for a refresh (the page loads over REST).
    expect(first.types()).not.toContain('request_queue_update');

    first.serverClose();
    vi.advanceTimersByTime(3000);
    const second = FakeWebSocket.last();
    expect(second).not.toBe(first);
    second.accept();
    expect(second.sent).toEqual([
      { type: 'auth', data: { token: 'tok-1' } },
      { type: 'subscribe', data: { event_types: ['message_created'] } },
      { type: 'request_queue_update' },
      { type: 'request_metrics_update' },
      { type: 'request_session_update' },
    ]);
    release();
    expect(second.sent[second.sent.length - 1]).toEqual({
      type: 'unsubscribe',
      data: { event_types: ['message_created'] },
    });
    m.stop();
  });

  it('dispatches each event type only to its own handlers', () => {
    const m = makeManager();
    const queue = vi.fn();
    const metrics = vi.fn();
    m.on('queue_updated', queue);
    m.on('metrics_updated', metrics);
    m.start();
    const ws = FakeWebSocket.last();
    ws.accept();
    ws.serverSend('queue_updated', { depth: 3 });
    ws.serverSend('unknown_event', {});
    expect(queue).toHaveBeenCalledWith({ depth: 3 }, expect.objectContaining({ type: 'queue_updated' }));
    expect(metrics).not.toHaveBeenCalled();
    m.stop();
  });

  it('stops for good on auth_failed instead of retrying', () => {
    const m = makeManager();
    m.start();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    ws.serverSend('error', { code: 'auth_failed', message: 'bad token' });
    ws.serverClose(1008);
    vi.advanceTimersByTime(120_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(m.getState()).toMatchObject({ status: 'closed', fatalError: 'auth_failed' });
  });

  it('uses injected backoff delays', () => {
    const m = makeManager({ backoffMs: [10, 20] });
    m.start();
    FakeWebSocket.last().fail();
    vi.advanceTimersByTime(10);
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.last().fail();
    vi.advanceTimersByTime(20);
    expect(FakeWebSocket.instances).toHaveLength(3);
    FakeWebSocket.last().fail();
    expect(m.getState().status).toBe('polling');
    m.stop();
  });
});

describe('realtime hooks', () => {
  it('release their subscriptions on unmount', () => {
    const m = makeManager({ optInEvents: ['message_created'] });
    m.start();
    const ws = FakeWebSocket.last();
    ws.accept();
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(RealtimeContext.Provider, { value: m }, children);
    const seen: unknown[] = [];
    const { result, unmount } = renderHook(
      () => {
        useRealtimeData('queue_updated', (d) => seen.push(d));
        useRealtimeData('message_created', (d) => seen.push(d));
        return useConnectionState();
      },
      { wrapper },
    );
    expect(result.current.status).toBe('live');
    expect(m.handlerCount()).toBe(2);
    expect(ws.sent).toContainEqual({ type: 'subscribe', data: { event_types: ['message_created'] } });
    act(() => ws.serverSend('queue_updated', { depth: 1 }));
    expect(seen).toEqual([{ depth: 1 }]);
    act(() => ws.serverClose());
    expect(result.current.status).toBe('reconnecting');

    unmount();
    expect(m.handlerCount()).toBe(0);
    m.stop();
  });

  it('unsubscribes opt-in server events when the last handler goes', () => {
    const m = makeManager({ optInEvents: ['message_created'] });
    m.start();
    const ws = FakeWebSocket.last();
    ws.accept();
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(RealtimeContext.Provider, { value: m }, children);
    const { unmount } = renderHook(() => useRealtimeData('message_created', () => {}), { wrapper });
    unmount();
    expect(ws.sent[ws.sent.length - 1]).toEqual({
      type: 'unsubscribe',
      data: { event_types: ['message_created'] },
    });
    m.stop();
  });
});
