import type { Message } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getSessionMessages = (sessionId: number, afterSeq = 0) =>
  http.get<{ messages: Message[] }>(`/api/v1/chat/sessions/${sessionId}/messages?after_seq=${afterSeq}&limit=1000`);
