import type { AgentStatus } from '../../../api/types';
import { http } from '../../../services/http-client';

export const putAgentStatus = (status: AgentStatus) => http.put<{ status: AgentStatus }>('/api/v1/agent/status', { status });
