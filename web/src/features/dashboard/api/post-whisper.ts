import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

/** Shown live to the chat's agent only, never to the customer. */
export const postWhisper = (sessionId: number, body: string) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/whispers', 'post', 201>>(`/api/v1/chat/sessions/${sessionId}/whispers`, { body });
