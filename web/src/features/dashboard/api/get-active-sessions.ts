import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getActiveSessions = () =>
  http.get<ApiResponse<'/api/v1/admin/chat-dashboard/sessions/active', 'get'>>('/api/v1/admin/chat-dashboard/sessions/active');
