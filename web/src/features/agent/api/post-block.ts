import type { Block } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postBlock = (customerId: number, reason: string) =>
  http.post<{ block: Block }>('/api/v1/blocks', { customer_id: customerId, reason });
