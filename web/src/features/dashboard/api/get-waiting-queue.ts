import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getWaitingQueue = () => http.get<ApiResponse<'/api/v1/admin/chat-dashboard/sessions/waiting', 'get'>>('/api/v1/admin/chat-dashboard/sessions/waiting');
