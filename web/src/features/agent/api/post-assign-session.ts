import type { Session } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postAssignSession = (sessionId: number, agentId: number, force: boolean) =>
  http.post<{ session: Session }>(`/api/v1/chat/sessions/${sessionId}/assign`, { agent_id: agentId, force });
