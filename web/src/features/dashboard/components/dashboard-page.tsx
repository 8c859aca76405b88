import { useState } from 'react';
import type { User } from '../../../api/types';
import { AppHeader } from '../../../components/app-header';
import { ConnectionStatusBar, LiveBadge } from '../../../components/connection-status';
import { RealtimeContext } from '../../../services/realtime-context';
import { useManagedConnection } from '../../../services/use-realtime';
import { useActiveSessions } from '../hooks/use-active-sessions';
import { useAgentStatusUpdates } from '../hooks/use-agent-status-updates';
import { useLiveMetrics } from '../hooks/use-live-metrics';
import { useQueueUpdates } from '../hooks/use-queue-updates';
import { createDashboardConnection } from '../realtime/create-dashboard-connection';
import { useRealtimeDashboard } from '../realtime/use-realtime-dashboard';
import { ActiveSessionsPanel } from './active-sessions-panel';
import { AgentPerformancePanel } from './agent-performance-panel';
import { ConversationDrawer } from './conversation-drawer';
import { MessageAnalyticsPanel } from './message-analytics-panel';
import { OverviewCards } from './overview-cards';
import { SatisfactionPanel } from './satisfaction-panel';
import { WaitingQueuePanel } from './waiting-queue-panel';

interface Props {
  user: User;
  onLogout: () => void;
}

/** /dashboard: owns the page's one dashboard connection. */
export function DashboardPage(props: Props) {
  const manager = useManagedConnection(() => createDashboardConnection());
  return (
    <RealtimeContext.Provider value={manager}>
      <DashboardView {...props} />
    </RealtimeContext.Provider>
  );
}

function DashboardView({ user, onLogout }: Props) {
  const rt = useRealtimeDashboard();
  const metrics = useLiveMetrics();
  const active = useActiveSessions();
  const queue = useQueueUpdates();
  const agents = useAgentStatusUpdates();
  const [openId, setOpenId] = useState<number | null>(null);

  return (
    <div className="page dashboard-page">
      <AppHeader title="Dashboard" userName={user.name || user.username} role={user.role} onLogout={onLogout}>
        <LiveBadge status={rt.status} />
      </AppHeader>
      <ConnectionStatusBar
        status={rt.status}
        lastUpdateAt={rt.lastUpdateAt}
        fatalError={rt.fatalError}
        pollingText="Live feed unavailable: polling (queue every 3 s, sessions and metrics every 30 s) while reconnecting in the background."
      />
      <main className="dashboard-grid">
        <OverviewCards metrics={metrics.data} error={metrics.error} />
        <ActiveSessionsPanel
          sessions={active.data}
          error={active.error}
          selectedId={openId}
          onOpen={setOpenId}
          onRefresh={() => {
            rt.requestSessionUpdate();
            void active.reload();
          }}
        />
        <WaitingQueuePanel queue={queue.data} error={queue.error} />
        <AgentPerformancePanel agents={agents.data} error={agents.error} />
        <SatisfactionPanel metrics={metrics.data} error={metrics.error} />
        <MessageAnalyticsPanel metrics={metrics.data} error={metrics.error} />
      </main>
      {openId !== null ? <ConversationDrawer sessionId={openId} me={user.id} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
