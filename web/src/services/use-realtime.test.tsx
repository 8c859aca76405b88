import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './fake-websocket.test-util';
import { useRealtimeData } from './use-realtime';
import { ConnectionManager } from './websocket';

let manager: ConnectionManager;
let ws: FakeWebSocket;
beforeEach(() => {
  FakeWebSocket.reset();
  manager = new ConnectionManager({
    url: 'ws://test/ws',
    authData: () => ({ token: 't' }),
    optInEvents: ['message_created'],
    WebSocketImpl: FakeWebSocket,
  });
  manager.start();
  ws = FakeWebSocket.last();
  ws.accept();
});
afterEach(() => {
  cleanup();
  manager.stop();
});

describe('useRealtimeData', () => {
  it('subscribes an opt-in event on mount and unsubscribes on unmount', () => {
    const seen: unknown[] = [];
    const { unmount } = renderHook(() => useRealtimeData('message_created', (d) => seen.push(d), manager));
    expect(ws.sent).toContainEqual({ type: 'subscribe', data: { event_types: ['message_created'] } });
    act(() => ws.serverSend('message_created', { session_id: 1 }));
    expect(seen).toEqual([{ session_id: 1 }]);
    unmount();
    expect(ws.sent[ws.sent.length - 1]).toEqual({ type: 'unsubscribe', data: { event_types: ['message_created'] } });
    expect(manager.handlerCount()).toBe(0);
    act(() => ws.serverSend('message_created', { session_id: 2 }));
    expect(seen).toHaveLength(1);
  });

  it('calls the newest handler without subscribing again when the handler changes', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = renderHook(({ h }) => useRealtimeData('message_created', h, manager), { initialProps: { h: first } });
    rerender({ h: second });
    expect(ws.types().filter((t) => t === 'subscribe')).toHaveLength(1);
    act(() => ws.serverSend('message_created', { x: 1 }));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ x: 1 }, expect.objectContaining({ type: 'message_created' }));
  });

  it('does not subscribe for events the server always pushes', () => {
    renderHook(() => useRealtimeData('queue_updated', () => {}, manager));
    expect(ws.types()).not.toContain('subscribe');
    expect(manager.handlerCount('queue_updated')).toBe(1);
  });
});
