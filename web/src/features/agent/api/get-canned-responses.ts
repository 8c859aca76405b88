import type { CannedResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getCannedResponses = (prefix: string, signal?: AbortSignal) =>
  http.get<{ canned_responses: CannedResponse[] }>(`/api/v1/canned-responses?q=${encodeURIComponent(prefix)}`, { signal });
