import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getAgentSessions = () => http.get<ApiResponse<'/api/v1/agent/sessions', 'get'>>('/api/v1/agent/sessions');
