import { http } from '../../../services/http-client';

export const postRenderCannedResponse = (cannedId: number, sessionId: number) =>
  http.post<{ body: string }>(`/api/v1/canned-responses/${cannedId}/render`, { session_id: sessionId });
