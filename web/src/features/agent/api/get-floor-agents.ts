import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

/** Supervisors only: every agent account with status and load. */
export const getFloorAgents = () => http.get<ApiResponse<'/api/v1/admin/chat-dashboard/agents', 'get'>>('/api/v1/admin/chat-dashboard/agents');
