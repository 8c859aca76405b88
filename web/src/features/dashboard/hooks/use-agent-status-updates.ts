import { useEffect, useRef } from 'react';
import type { Agent, DashboardEvents } from '../../../api/types';
import { useRealtimeData } from '../../../services/use-realtime';
import { getAgents } from '../api/get-agents';
import { AGENTS_LIST_EVENT } from '../realtime/create-dashboard-connection';
import { useLiveResource } from './use-live-resource';

const RELOAD_MIN_GAP_MS = 3000;

/**
 * Agents: REST first; agent_status_changed patches a status at once; session changes (which move the
 * per-agent counts) trigger a throttled REST reload, as does every (re)connect.
 */
export function useAgentStatusUpdates() {
  const res = useLiveResource(async () => (await getAgents()).agents);
  const { setData, reload } = res;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastReload = useRef(0);

  const scheduleReload = () => {
    if (timer.current) return;
    const wait = Math.max(0, lastReload.current + RELOAD_MIN_GAP_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      lastReload.current = Date.now();
      void reload();
    }, wait);
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  useRealtimeData<DashboardEvents['agent_status_changed']>('agent_status_changed', (d) => {
    setData((agents: Agent[] | null) =>
      agents ? agents.map((a) => (a.id === d.agent_id ? { ...a, status: d.status, last_active_at: new Date().toISOString() } : a)) : agents,
    );
  });
  useRealtimeData<DashboardEvents['session_update']>('session_update', (d) => {
    if (d?.change !== 'created') scheduleReload();
  });
  useRealtimeData('auth_success', () => scheduleReload());
  useRealtimeData<{ agents: Agent[] }>(AGENTS_LIST_EVENT, (d) => {
    if (d && Array.isArray(d.agents)) setData(d.agents);
  });
  return res;
}
