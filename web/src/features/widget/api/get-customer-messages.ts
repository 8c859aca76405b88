import type { Message } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getCustomerMessages = (origin: string, token: string, sessionId: number, afterSeq: number) =>
  http.get<{ messages: Message[] }>(`/api/v1/chat/sessions/${sessionId}/messages?after_seq=${afterSeq}&limit=1000`, {
    origin,
    token,
  });
