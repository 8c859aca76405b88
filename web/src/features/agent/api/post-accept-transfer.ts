import type { Transfer } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postAcceptTransfer = (transferId: number) => http.post<{ transfer: Transfer }>(`/api/v1/transfers/${transferId}/accept`);
