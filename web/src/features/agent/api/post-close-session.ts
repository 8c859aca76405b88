import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postCloseSession = (sessionId: number) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/close', 'post'>>(`/api/v1/chat/sessions/${sessionId}/close`);
