import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getSession = (sessionId: number) =>
  http.get<ApiResponse<'/api/v1/chat/sessions/{id}', 'get'>>(`/api/v1/chat/sessions/${sessionId}`);
