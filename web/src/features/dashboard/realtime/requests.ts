import type { ConnectionManager } from '../../../services/websocket';

// Ask the server for fresh data. While the socket is down, the matching REST poller runs instead.

export function requestSessionUpdate(manager: ConnectionManager, sessionId?: number): void {
  const sent = manager.send(
    sessionId === undefined
      ? { type: 'request_session_update' }
      : { type: 'request_session_update', data: { session_id: sessionId } },
  );
  if (!sent && sessionId === undefined) manager.pollNow('active_sessions_updated');
}

export function requestQueueUpdate(manager: ConnectionManager): void {
  if (!manager.send({ type: 'request_queue_update' })) manager.pollNow('queue_updated');
}

export function requestMetricsUpdate(manager: ConnectionManager): void {
  if (!manager.send({ type: 'request_metrics_update' })) manager.pollNow('metrics_updated');
}
