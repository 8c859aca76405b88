import type { Session } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postCustomerRating = (origin: string, token: string, sessionId: number, rating: number, comment?: string) =>
  http.post<{ session: Session }>(
    `/api/v1/chat/sessions/${sessionId}/rating`,
    comment ? { rating, comment } : { rating },
    { origin, token },
  );
