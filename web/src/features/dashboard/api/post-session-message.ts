import type { Message } from '../../../api/types';
import { http } from '../../../services/http-client';

/** A supervisor's message after barging in (sent with the supervisor's own token). */
export const postSessionMessage = (sessionId: number, body: string, clientMsgId: string) =>
  http.post<{ message: Message; duplicate: boolean }>(`/api/v1/chat/sessions/${sessionId}/messages`, {
    body,
    type: 'text',
    client_msg_id: clientMsgId,
  });
