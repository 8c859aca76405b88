import type { ApiResponse, MessageType } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postCustomerMessage = (
  origin: string,
  token: string,
  sessionId: number,
  body: string,
  clientMsgId: string,
  attachment?: { type: MessageType; attachmentId: string },
) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/messages', 'post', 201>>(
    `/api/v1/chat/sessions/${sessionId}/messages`,
    attachment
      ? { body, type: attachment.type, attachment_id: attachment.attachmentId, client_msg_id: clientMsgId }
      : { body, type: 'text', client_msg_id: clientMsgId },
    { origin, token },
  );
