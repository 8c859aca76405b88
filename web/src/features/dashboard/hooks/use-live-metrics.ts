import type { DashboardEvents } from '../../../api/types';
import { useRealtimeData } from '../../../services/use-realtime';
import { getOverview } from '../api/get-overview';
import { useLiveResource } from './use-live-resource';

/** The metrics object: REST first, then every metrics_updated push (or poll). */
export function useLiveMetrics() {
  const res = useLiveResource(getOverview);
  useRealtimeData<DashboardEvents['metrics_updated']>('metrics_updated', (d) => {
    if (d?.metrics) res.setData(d.metrics);
  });
  return res;
}
