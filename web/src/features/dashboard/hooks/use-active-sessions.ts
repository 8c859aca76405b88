import type { DashboardEvents, Session } from '../../../api/types';
import { useRealtimeData } from '../../../services/use-realtime';
import { getActiveSessions } from '../api/get-active-sessions';
import { useLiveResource } from './use-live-resource';

export function applySessionToActive(list: Session[], session: Session): Session[] {
  const index = list.findIndex((s) => s.id === session.id);
  if (session.status !== 'active') return index < 0 ? list : list.filter((s) => s.id !== session.id);
  if (index < 0) return [...list, session];
  const next = list.slice();
  next[index] = session;
  return next;
}

/** Active sessions: REST first, then active_sessions_updated snapshots and session_update patches. */
export function useActiveSessions() {
  const res = useLiveResource(async () => (await getActiveSessions()).sessions);
  const { setData } = res;
  useRealtimeData<DashboardEvents['active_sessions_updated']>('active_sessions_updated', (d) => {
    if (d && Array.isArray(d.sessions)) setData(d.sessions);
  });
  useRealtimeData<DashboardEvents['session_update']>('session_update', (d) => {
    if (d?.session) setData((list) => (list ? applySessionToActive(list, d.session) : list));
  });
  return res;
}
