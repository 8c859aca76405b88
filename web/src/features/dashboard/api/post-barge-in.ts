import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postBargeIn = (sessionId: number) => http.post<ApiResponse<'/api/v1/chat/sessions/{id}/barge-in', 'post'>>(`/api/v1/chat/sessions/${sessionId}/barge-in`);
