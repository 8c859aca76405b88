import type { Agent } from '../../../api/types';
import { FlashValue } from '../../../components/flash-value';
import { formatDuration, formatNumber, formatRelative } from '../../../components/format';
import { EmptyState, Panel } from '../../../components/panel';
import { StatusDot } from '../../../components/status-dot';
import { useNow } from '../../../components/use-now';

const order = { active: 0, in_call: 1, idle: 2, offline: 3 } as const;

export function AgentPerformancePanel({ agents, error }: { agents: Agent[] | null; error: string | null }) {
  const now = useNow(15000);
  const sorted = agents ? [...agents].sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name)) : [];
  return (
    <Panel title="Agent performance" id="agents" loading={!agents && !error} error={error} className="panel-span2">
      {sorted.length === 0 ? (
        <EmptyState title="No agents yet">Create agent accounts with livedesk user add.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Status</th>
                <th scope="col">Open chats</th>
                <th scope="col">Handled today</th>
                <th scope="col">Avg resolution</th>
                <th scope="col">Satisfaction</th>
                <th scope="col">Last active</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => (
                <tr key={a.id} data-testid="agent-row">
                  <td>{a.name}</td>
                  <td>
                    <FlashValue value={a.status}>
                      <StatusDot status={a.status} />
                    </FlashValue>
                  </td>
                  <td>
                    <FlashValue value={a.active_sessions} />
                  </td>
                  <td>
                    <FlashValue value={a.sessions_handled_today} />
                  </td>
                  <td>{formatDuration(a.avg_resolution_seconds)}</td>
                  <td>{a.satisfaction === null ? '—' : `${formatNumber(a.satisfaction, 1)} / 5`}</td>
                  <td>{formatRelative(a.last_active_at, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
