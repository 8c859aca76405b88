import type { DashboardEvents, Queue } from '../../../api/types';
import { useRealtimeData } from '../../../services/use-realtime';
import { getWaitingQueue } from '../api/get-waiting-queue';
import { useLiveResource } from './use-live-resource';

/** Applies one session change to the queue: waiting sessions are in it, others are not. */
export function applySessionToQueue(queue: Queue, session: Queue['sessions'][number]): Queue {
  const others = queue.sessions.filter((s) => s.id !== session.id);
  if (session.status !== 'waiting') {
    if (others.length === queue.sessions.length) return queue;
    return { ...queue, sessions: others, depth: others.length };
  }
  const sessions = [...others, session].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  return { ...queue, sessions, depth: sessions.length };
}

/** The waiting queue: REST first, then queue_updated snapshots plus session_update patches in between. */
export function useQueueUpdates() {
  const res = useLiveResource(getWaitingQueue);
  const { setData } = res;
  useRealtimeData<DashboardEvents['queue_updated']>('queue_updated', (q) => {
    if (q && Array.isArray(q.sessions)) setData(q);
  });
  useRealtimeData<DashboardEvents['session_update']>('session_update', (d) => {
    if (d?.session) setData((q) => (q ? applySessionToQueue(q, d.session) : q));
  });
  useRealtimeData<DashboardEvents['queue_depth_changed']>('queue_depth_changed', (d) => {
    setData((q) => (q && typeof d?.depth === 'number' ? { ...q, depth: d.depth } : q));
  });
  return res;
}
