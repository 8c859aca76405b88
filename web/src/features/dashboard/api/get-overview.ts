import type { Metrics } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getOverview = () => http.get<Metrics>('/api/v1/admin/chat-dashboard/overview');
