import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postMessage = (sessionId: number, body: string, clientMsgId: string) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/messages', 'post', 201>>(`/api/v1/chat/sessions/${sessionId}/messages`, {
    body,
    type: 'text',
    client_msg_id: clientMsgId,
  });
