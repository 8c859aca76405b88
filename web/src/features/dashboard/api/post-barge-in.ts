import type { Session } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postBargeIn = (sessionId: number) => http.post<{ session: Session }>(`/api/v1/chat/sessions/${sessionId}/barge-in`);
