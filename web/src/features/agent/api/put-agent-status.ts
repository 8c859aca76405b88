import type { ApiResponse, AgentStatus } from '../../../api/types';
import { http } from '../../../services/http-client';

export const putAgentStatus = (status: AgentStatus) => http.put<ApiResponse<'/api/v1/agent/status', 'put'>>('/api/v1/agent/status', { status });
