import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getCustomerMessages = (origin: string, token: string, sessionId: number, afterSeq: number) =>
  http.get<ApiResponse<'/api/v1/chat/sessions/{id}/messages', 'get'>>(`/api/v1/chat/sessions/${sessionId}/messages?after_seq=${afterSeq}&limit=1000`, {
    origin,
    token,
  });
