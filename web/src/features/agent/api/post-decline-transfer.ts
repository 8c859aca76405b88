import type { Transfer } from '../../../api/types';
import { http } from '../../../services/http-client';

export const postDeclineTransfer = (transferId: number) => http.post<{ transfer: Transfer }>(`/api/v1/transfers/${transferId}/decline`);
