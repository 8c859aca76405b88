import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postAcceptTransfer = (transferId: number) => http.post<ApiResponse<'/api/v1/transfers/{id}/accept', 'post'>>(`/api/v1/transfers/${transferId}/accept`);
