import { getToken } from '../../../services/auth-token';
import { ConnectionManager, wsUrl, type ConnectionOptions } from '../../../services/websocket';
import { getActiveSessions } from '../api/get-active-sessions';
import { getAgents } from '../api/get-agents';
import { getOverview } from '../api/get-overview';
import { getWaitingQueue } from '../api/get-waiting-queue';

export const DASHBOARD_WS_PATH = '/api/v1/admin/chat-dashboard/ws';
/** Not a server event: the agents list, delivered only by polling/refetching. */
export const AGENTS_LIST_EVENT = 'agents_list';

export interface DashboardTimings {
  backoffMs?: number[];
  heartbeatMs?: number;
  activePollMs?: number;
  queuePollMs?: number;
  metricsPollMs?: number;
}

/** The dashboard page's connection: auth, REST polling fallback, refresh on reconnect. */
export function createDashboardConnection(timings: DashboardTimings = {}, extra: Partial<ConnectionOptions> = {}) {
  return new ConnectionManager({
    url: () => wsUrl(DASHBOARD_WS_PATH),
    authData: () => ({ token: getToken() ?? '' }),
    backoffMs: timings.backoffMs,
    heartbeatMs: timings.heartbeatMs,
    // message_created / typing_indicator are not subscribed floor-wide: the conversation drawer
    // sends `watch` for its one chat instead (see use-session-updates).
    refreshFrames: [
      { type: 'request_queue_update' },
      { type: 'request_metrics_update' },
      { type: 'request_session_update' },
    ],
    pollers: [
      { eventType: 'active_sessions_updated', intervalMs: timings.activePollMs ?? 30000, fetch: getActiveSessions },
      { eventType: 'queue_updated', intervalMs: timings.queuePollMs ?? 3000, fetch: getWaitingQueue },
      {
        eventType: 'metrics_updated',
        intervalMs: timings.metricsPollMs ?? 30000,
        fetch: async () => ({ metrics: await getOverview() }),
      },
      { eventType: AGENTS_LIST_EVENT, intervalMs: timings.metricsPollMs ?? 30000, fetch: getAgents },
    ],
    ...extra,
  });
}
