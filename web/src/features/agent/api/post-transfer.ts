import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

/** `toAgentId` null sends the chat back to the head of the queue at once. */
export const postTransfer = (sessionId: number, toAgentId: number | null, reason: string) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/transfers', 'post', 201>>(`/api/v1/chat/sessions/${sessionId}/transfers`, { to_agent_id: toAgentId, reason });
