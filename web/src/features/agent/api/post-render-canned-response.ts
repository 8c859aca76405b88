import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postRenderCannedResponse = (cannedId: number, sessionId: number) =>
  http.post<ApiResponse<'/api/v1/canned-responses/{id}/render', 'post'>>(`/api/v1/canned-responses/${cannedId}/render`, { session_id: sessionId });
