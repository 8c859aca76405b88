import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postTakeSession = (sessionId: number) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/take', 'post'>>(`/api/v1/chat/sessions/${sessionId}/take`);
