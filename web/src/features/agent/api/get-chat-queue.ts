import type { Queue } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getChatQueue = () => http.get<Queue>('/api/v1/chat/queue');
