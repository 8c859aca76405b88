import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getOverview = () => http.get<ApiResponse<'/api/v1/admin/chat-dashboard/overview', 'get'>>('/api/v1/admin/chat-dashboard/overview');
