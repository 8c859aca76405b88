import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getSessionMessages = (sessionId: number, afterSeq = 0) =>
  http.get<ApiResponse<'/api/v1/chat/sessions/{id}/messages', 'get'>>(`/api/v1/chat/sessions/${sessionId}/messages?after_seq=${afterSeq}&limit=1000`);
