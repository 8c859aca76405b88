import type { Session } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getAgentSessions = () => http.get<{ sessions: Session[] }>('/api/v1/agent/sessions');
