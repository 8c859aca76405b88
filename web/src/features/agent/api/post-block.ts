import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postBlock = (customerId: number, reason: string) =>
  http.post<ApiResponse<'/api/v1/blocks', 'post', 201>>('/api/v1/blocks', { customer_id: customerId, reason });
