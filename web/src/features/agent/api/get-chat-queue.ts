import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getChatQueue = () => http.get<ApiResponse<'/api/v1/chat/queue', 'get'>>('/api/v1/chat/queue');
