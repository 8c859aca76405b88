import type { StartChatRequest, StartChatResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postChatSession = (origin: string, body: StartChatRequest) =>
  http.post<StartChatResponse>('/api/v1/chat/sessions', body, { origin, token: null });
