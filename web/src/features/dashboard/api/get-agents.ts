import type { Agent } from '../../../api/types';
import { http } from '../../../services/http-client';

export const getAgents = () => http.get<{ agents: Agent[] }>('/api/v1/admin/chat-dashboard/agents');
