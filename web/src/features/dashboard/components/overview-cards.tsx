import type { Metrics } from '../../../api/types';
import { FlashValue } from '../../../components/flash-value';
import { formatDuration, formatNumber } from '../../../components/format';
import { Panel } from '../../../components/panel';

interface Card {
  label: string;
  value: string;
  raw: unknown;
  hint?: string;
}

export function OverviewCards({ metrics, error }: { metrics: Metrics | null; error: string | null }) {
  const cards: Card[] = metrics
    ? [
        { label: 'Active chats', value: formatNumber(metrics.active_sessions), raw: metrics.active_sessions },
        { label: 'Waiting', value: formatNumber(metrics.waiting_sessions), raw: metrics.waiting_sessions },
        { label: 'Chats today', value: formatNumber(metrics.sessions_today), raw: metrics.sessions_today },
        {
          label: 'Closed today',
          value: formatNumber(metrics.closed_today),
          raw: metrics.closed_today,
          hint: metrics.missed_today ? `${metrics.missed_today} missed` : undefined,
        },
        { label: 'Avg wait', value: formatDuration(metrics.avg_wait_seconds), raw: metrics.avg_wait_seconds },
        {
          label: 'Avg first response',
          value: formatDuration(metrics.avg_first_response_seconds),
          raw: metrics.avg_first_response_seconds,
        },
        {
          label: 'Avg resolution',
          value: formatDuration(metrics.avg_resolution_seconds),
          raw: metrics.avg_resolution_seconds,
        },
        {
          label: 'Agents online',
          value: formatNumber(metrics.agents.active + metrics.agents.idle + metrics.agents.in_call),
          raw: metrics.agents.active + metrics.agents.idle + metrics.agents.in_call,
          hint: `${metrics.agents.active} active · ${metrics.agents.in_call} in call · ${metrics.agents.idle} idle`,
        },
      ]
    : [];
  return (
    <Panel title="Overview" loading={!metrics && !error} error={error} id="overview" className="panel-wide">
      <div className="stat-grid">
        {cards.map((c) => (
          <div className="stat-card" key={c.label} data-testid="stat-card">
            <div className="stat-label">{c.label}</div>
            <div className="stat-value">
              <FlashValue value={c.raw}>{c.value}</FlashValue>
            </div>
            {c.hint ? <div className="stat-hint">{c.hint}</div> : null}
          </div>
        ))}
      </div>
    </Panel>
  );
}
