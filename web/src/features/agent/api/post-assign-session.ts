import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postAssignSession = (sessionId: number, agentId: number, force: boolean) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/assign', 'post'>>(`/api/v1/chat/sessions/${sessionId}/assign`, { agent_id: agentId, force });
