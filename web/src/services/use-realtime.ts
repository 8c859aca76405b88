import { useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { RealtimeContext } from './realtime-context';
import { ConnectionManager, type ConnectionOptions, type ConnectionState, type EventHandler } from './websocket';

/** The ConnectionManager of this page (from RealtimeContext). */
export function useConnectionManager(): ConnectionManager {
  const manager = useContext(RealtimeContext);
  if (!manager) throw new Error('useConnectionManager needs a RealtimeContext provider');
  return manager;
}

/**
 * Creates the page's ConnectionManager once, starts it on mount and stops it on unmount.
 * `create` is read only on the first render.
 */
export function useManagedConnection(create: () => ConnectionOptions | ConnectionManager): ConnectionManager {
  const [manager] = useState(() => {
    const made = create();
    return made instanceof ConnectionManager ? made : new ConnectionManager(made);
  });
  useEffect(() => {
    manager.start();
    return () => manager.stop();
  }, [manager]);
  return manager;
}

/** Connection status and last update time, re-rendering on change. */
export function useConnectionState(manager?: ConnectionManager): ConnectionState {
  const fromContext = useContext(RealtimeContext);
  const m = manager ?? fromContext;
  if (!m) throw new Error('useConnectionState needs a manager');
  return useSyncExternalStore(m.subscribeState, () => m.getState());
}

/**
 * Calls handler for every `eventType` frame (or poll result) while the component is mounted.
 * The subscription is released on unmount; a new handler identity does not resubscribe.
 */
export function useRealtimeData<T>(eventType: string, handler: EventHandler<T>, manager?: ConnectionManager): void {
  const fromContext = useContext(RealtimeContext);
  const m = manager ?? fromContext;
  if (!m) throw new Error('useRealtimeData needs a manager');
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => m.on<T>(eventType, (data, frame) => ref.current(data, frame)), [m, eventType]);
}
