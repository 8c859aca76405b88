import { getToken } from '../../../services/auth-token';
import { ConnectionManager, wsUrl } from '../../../services/websocket';
import { getAgentSessions } from '../api/get-agent-sessions';
import { getChatQueue } from '../api/get-chat-queue';

export const AGENT_WS_PATH = '/api/v1/agent/ws';
/** Poll results (not server events) delivered while the socket is down. */
export const QUEUE_POLL_EVENT = 'queue_polled';
export const SESSIONS_POLL_EVENT = 'sessions_polled';

/**
 * The agent console's connection. `resume` gives, per open chat, the last seq the page has,
 * so the server sends exactly the missed messages after a reconnect.
 */
export function createAgentConnection(resume: () => Record<string, number>) {
  return new ConnectionManager({
    url: () => wsUrl(AGENT_WS_PATH),
    authData: () => ({ token: getToken() ?? '', resume: resume() }),
    pollers: [
      { eventType: QUEUE_POLL_EVENT, intervalMs: 3000, fetch: getChatQueue },
      { eventType: SESSIONS_POLL_EVENT, intervalMs: 30000, fetch: getAgentSessions },
    ],
  });
}
