import type { Note } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postSessionNote = (sessionId: number, body: string) =>
  http.post<{ note: Note }>(`/api/v1/chat/sessions/${sessionId}/notes`, { body });
