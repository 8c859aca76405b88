import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getAgents = () => http.get<ApiResponse<'/api/v1/admin/chat-dashboard/agents', 'get'>>('/api/v1/admin/chat-dashboard/agents');
