import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

/** Closes a chat; `dispositionId` is the close reason picked from the configured list (#14), when any. */
export const postCloseSession = (sessionId: number, dispositionId?: number | null) =>
  http.post<ApiResponse<'/api/v1/chat/sessions/{id}/close', 'post'>>(
    `/api/v1/chat/sessions/${sessionId}/close`,
    dispositionId ? { disposition_id: dispositionId } : {},
  );
