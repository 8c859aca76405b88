import type { Queue } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getWaitingQueue = () => http.get<Queue>('/api/v1/admin/chat-dashboard/sessions/waiting');
