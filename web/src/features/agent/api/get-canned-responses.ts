import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getCannedResponses = (prefix: string, signal?: AbortSignal) =>
  http.get<ApiResponse<'/api/v1/canned-responses', 'get'>>(`/api/v1/canned-responses?q=${encodeURIComponent(prefix)}`, { signal });
