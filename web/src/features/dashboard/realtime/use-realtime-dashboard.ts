import { useMemo } from 'react';
import { useConnectionManager, useConnectionState } from '../../../services/use-realtime';
import type { ConnectionStatus } from '../../../services/websocket';
import { requestMetricsUpdate, requestQueueUpdate, requestSessionUpdate } from './requests';

export interface RealtimeDashboard {
  status: ConnectionStatus;
  lastUpdateAt: number | null;
  fatalError: string | null;
  requestSessionUpdate: (sessionId?: number) => void;
  requestQueueUpdate: () => void;
  requestMetricsUpdate: () => void;
}

/** Connection status of the dashboard socket plus the refresh requests. */
export function useRealtimeDashboard(): RealtimeDashboard {
  const manager = useConnectionManager();
  const state = useConnectionState(manager);
  const requests = useMemo(
    () => ({
      requestSessionUpdate: (id?: number) => requestSessionUpdate(manager, id),
      requestQueueUpdate: () => requestQueueUpdate(manager),
      requestMetricsUpdate: () => requestMetricsUpdate(manager),
    }),
    [manager],
  );
  return { ...state, ...requests };
}
