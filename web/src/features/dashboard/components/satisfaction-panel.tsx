import type { Metrics, StarKey } from '../../../api/types';
import { Bar, chartColors } from '../../../components/charts';
import { FlashValue } from '../../../components/flash-value';
import { formatNumber, formatPercent } from '../../../components/format';
import { EmptyState, Panel } from '../../../components/panel';
import { useReducedMotion } from '../../../components/use-reduced-motion';

const stars: StarKey[] = ['5', '4', '3', '2', '1'];

export function SatisfactionPanel({ metrics, error }: { metrics: Metrics | null; error: string | null }) {
  const reduced = useReducedMotion();
  const csat = metrics?.csat;
  const change = csat?.change_pct ?? null;
  return (
    <Panel title="Customer satisfaction" id="csat" loading={!metrics && !error} error={error}>
      {csat ? (
        <>
          <dl className="inline-stats">
            <div>
              <dt>Average today</dt>
              <dd data-testid="csat-average">
                <FlashValue value={csat.average}>
                  {csat.average === null ? '—' : `${formatNumber(csat.average, 2)} / 5`}
                </FlashValue>
              </dd>
            </div>
            <div>
              <dt>Ratings</dt>
              <dd data-testid="csat-count">
                <FlashValue value={csat.count} />
              </dd>
            </div>
            <div>
              <dt>vs. yesterday</dt>
              <dd className={change === null ? '' : change >= 0 ? 'trend-up' : 'trend-down'}>
                {formatPercent(change, true)}
              </dd>
            </div>
            {csat.satisfaction_score !== undefined ? (
              <div>
                <dt>Rated 4–5</dt>
                <dd>{formatPercent(csat.satisfaction_score)}</dd>
              </div>
            ) : null}
          </dl>
          {csat.count === 0 ? (
            <EmptyState title="No ratings yet today">Customers can rate a chat after it ends.</EmptyState>
          ) : (
            <div className="chart-box chart-box-short">
              <Bar
                aria-label="Ratings today by stars"
                role="img"
                data={{
                  labels: stars.map((s) => `${s} ★`),
                  datasets: [
                    {
                      label: 'Ratings',
                      data: stars.map((s) => csat.distribution[s] ?? 0),
                      backgroundColor: [chartColors.green, '#65a30d', chartColors.accent, '#ea580c', chartColors.red],
                      borderRadius: 4,
                    },
                  ],
                }}
                options={{
                  indexAxis: 'y',
                  responsive: true,
                  maintainAspectRatio: false,
                  animation: reduced ? false : undefined,
                  plugins: { legend: { display: false } },
                  scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
                }}
              />
            </div>
          )}
        </>
      ) : null}
    </Panel>
  );
}
