import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

/** Notes and whispers of a chat (`kind` tells them apart). */
export const getSessionNotes = (sessionId: number) => http.get<ApiResponse<'/api/v1/chat/sessions/{id}/notes', 'get'>>(`/api/v1/chat/sessions/${sessionId}/notes`);
