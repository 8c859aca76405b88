import type { Session } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getActiveSessions = () =>
  http.get<{ sessions: Session[] }>('/api/v1/admin/chat-dashboard/sessions/active');
