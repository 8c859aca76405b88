import type { ApiResponse, StartChatRequest } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postChatSession = (origin: string, body: StartChatRequest) =>
  http.post<ApiResponse<'/api/v1/chat/sessions', 'post', 201>>('/api/v1/chat/sessions', body, { origin, token: null });
