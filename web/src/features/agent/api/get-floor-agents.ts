import type { Agent } from '../../../api/types';
import { http } from '../../../services/http-client';

/** Supervisors only: every agent account with status and load. */
export const getFloorAgents = () => http.get<{ agents: Agent[] }>('/api/v1/admin/chat-dashboard/agents');
