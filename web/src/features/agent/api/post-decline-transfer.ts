import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postDeclineTransfer = (transferId: number) => http.post<ApiResponse<'/api/v1/transfers/{id}/decline', 'post'>>(`/api/v1/transfers/${transferId}/decline`);
