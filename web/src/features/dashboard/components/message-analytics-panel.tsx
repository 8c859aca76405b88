import type { MessageStatus, MessageType, Metrics } from '../../../api/types';
import { Bar, Doughnut, chartColors } from '../../../components/charts';
import { FlashValue } from '../../../components/flash-value';
import { formatNumber } from '../../../components/format';
import { Panel } from '../../../components/panel';
import { useReducedMotion } from '../../../components/use-reduced-motion';

const types: MessageType[] = ['text', 'image', 'file', 'audio', 'video'];
const statuses: MessageStatus[] = ['sent', 'delivered', 'read', 'failed'];

export function MessageAnalyticsPanel({ metrics, error }: { metrics: Metrics | null; error: string | null }) {
  const reduced = useReducedMotion();
  const m = metrics?.messages;
  const perHour = m?.per_hour ?? [];
  // per_hour is in the server's reporting zone; peak_hour is that zone's hour of day.
  const labels = perHour.map((_, i) => `${perHour.length - 1 - i === 0 ? 'now' : `-${perHour.length - 1 - i}h`}`);
  const peakIndex = perHour.length ? perHour.indexOf(Math.max(...perHour)) : -1;
  return (
    <Panel title="Message analytics" id="messages" loading={!metrics && !error} error={error} className="panel-wide">
      {m ? (
        <>
          <dl className="inline-stats">
            <div>
              <dt>Messages today</dt>
              <dd data-testid="messages-today">
                <FlashValue value={m.today}>{formatNumber(m.today)}</FlashValue>
              </dd>
            </div>
            <div>
              <dt>Peak hour</dt>
              <dd>{m.peak_hour === null ? '—' : `${String(m.peak_hour).padStart(2, '0')}:00`}</dd>
            </div>
            <div>
              <dt>Last hour</dt>
              <dd>{formatNumber(perHour[perHour.length - 1] ?? null)}</dd>
            </div>
          </dl>
          <div className="analytics-grid">
            <figure className="chart-box chart-box-wide">
              <figcaption>Messages per hour, last 24 h</figcaption>
              <div className="chart-canvas">
                <Bar
                  role="img"
                  aria-label="Messages per hour over the last 24 hours"
                  data={{
                    labels,
                    datasets: [
                      {
                        label: 'Messages',
                        data: perHour,
                        backgroundColor: perHour.map((_, i) => (i === peakIndex && perHour[i] > 0 ? chartColors.accent : chartColors.primary)),
                        borderRadius: 3,
                      },
                    ],
                  }}
                  options={{
                    responsive: true,
                    maintainAspectRatio: false,
                    animation: reduced ? false : undefined,
                    plugins: { legend: { display: false } },
                    scales: {
                      y: { beginAtZero: true, ticks: { precision: 0 } },
                      x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
                    },
                  }}
                />
              </div>
            </figure>
            <figure className="chart-box">
              <figcaption>By type</figcaption>
              <div className="chart-canvas">
                <Doughnut
                  role="img"
                  aria-label="Messages today by type"
                  data={{
                    labels: types,
                    datasets: [{ data: types.map((t) => m.by_type[t] ?? 0), backgroundColor: chartColors.palette }],
                  }}
                  options={{
                    responsive: true,
                    maintainAspectRatio: false,
                    animation: reduced ? false : undefined,
                    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
                  }}
                />
              </div>
            </figure>
            <figure className="chart-box">
              <figcaption>By status</figcaption>
              <div className="chart-canvas">
                <Bar
                  role="img"
                  aria-label="Messages today by status"
                  data={{
                    labels: statuses,
                    datasets: [
                      {
                        label: 'Messages',
                        data: statuses.map((s) => m.by_status[s] ?? 0),
                        backgroundColor: [chartColors.grey, chartColors.primary, chartColors.green, chartColors.red],
                        borderRadius: 3,
                      },
                    ],
                  }}
                  options={{
                    responsive: true,
                    maintainAspectRatio: false,
                    animation: reduced ? false : undefined,
                    plugins: { legend: { display: false } },
                    scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
                  }}
                />
              </div>
            </figure>
          </div>
        </>
      ) : null}
    </Panel>
  );
}
