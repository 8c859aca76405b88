import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postCustomerRating = (origin: string, token: string, sessionId: number, rating: number, comment?: string) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/rating', 'post'>>(
    `/api/v1/chat/sessions/${sessionId}/rating`,
    comment ? { rating, comment } : { rating },
    { origin, token },
  );
