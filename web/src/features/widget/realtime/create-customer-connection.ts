import { ConnectionManager, wsUrl } from '../../../services/websocket';
import { getCustomerMessages } from '../api/get-customer-messages';

export const CUSTOMER_WS_PATH = '/api/v1/chat/ws';
export const MESSAGES_POLL_EVENT = 'messages_polled';

export interface CustomerCredentials {
  origin: string;
  sessionId: number;
  token: string;
}

/** The widget's one connection: customer socket, resumed from the last seq it has. */
export function createCustomerConnection(creds: CustomerCredentials, lastSeq: () => number) {
  return new ConnectionManager({
    url: () => wsUrl(CUSTOMER_WS_PATH, creds.origin),
    authData: () => ({ token: creds.token, last_seq: lastSeq() }),
    pollers: [
      {
        eventType: MESSAGES_POLL_EVENT,
        intervalMs: 3000,
        fetch: () => getCustomerMessages(creds.origin, creds.token, creds.sessionId, lastSeq()),
      },
    ],
  });
}
