import type { Session } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getSession = (sessionId: number) =>
  http.get<{ session: Session }>(`/api/v1/chat/sessions/${sessionId}`);
