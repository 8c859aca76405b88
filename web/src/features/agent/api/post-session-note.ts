import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postSessionNote = (sessionId: number, body: string) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/notes', 'post', 201>>(`/api/v1/chat/sessions/${sessionId}/notes`, { body });
