import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agents, metrics, queue, session } from '../../../test/fixtures';
import { ActiveSessionsPanel } from './active-sessions-panel';
import { AgentPerformancePanel } from './agent-performance-panel';
import { MessageAnalyticsPanel } from './message-analytics-panel';
import { OverviewCards } from './overview-cards';
import { SatisfactionPanel } from './satisfaction-panel';
import { WaitingQueuePanel } from './waiting-queue-panel';

// happy-dom has no canvas: draw charts as labelled placeholders that expose their data.
vi.mock('../../../components/charts', () => ({
  Bar: (p: { 'aria-label'?: string; data: { datasets: { data: number[] }[] } }) => (
    <div data-testid="chart" aria-label={p['aria-label']} data-values={p.data.datasets[0].data.join(',')} />
  ),
  Doughnut: (p: { 'aria-label'?: string; data: { datasets: { data: number[] }[] } }) => (
    <div data-testid="chart" aria-label={p['aria-label']} data-values={p.data.datasets[0].data.join(',')} />
  ),
  chartColors: { primary: '#000', primarySoft: '#000', accent: '#000', green: '#000', red: '#000', grey: '#000', palette: ['#000'] },
}));

afterEach(cleanup);

describe('dashboard panels render from fixture data', () => {
  it('overview: one card per metric with its value', () => {
    render(<OverviewCards metrics={metrics()} error={null} />);
    const cards = screen.getAllByTestId('stat-card');
    expect(cards.length).toBeGreaterThanOrEqual(8);
    const text = cards.map((c) => c.textContent).join(' | ');
    expect(text).toContain('Active chats3');
    expect(text).toContain('Chats today41');
    expect(text).toContain('1 missed');
  });

  it('active sessions: rows with customer, agent and unread; a click opens the chat', () => {
    const onOpen = vi.fn();
    render(
      <ActiveSessionsPanel
        sessions={[session(1), session(2, { unread_count: 3, agent: { id: 8, name: 'Bob Agent' } })]}
        error={null}
        onRefresh={() => {}}
        onOpen={onOpen}
        selectedId={null}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Active sessions (2)' })).toBeTruthy();
    const rows = screen.getAllByTestId('active-session-row');
    expect(rows[0].textContent).toContain('Customer 2'); // most unread first
    expect(rows[0].textContent).toContain('Bob Agent');
    expect(rows[0].textContent).toContain('3');
    fireEvent.click(within(rows[1]).getByRole('button', { name: 'Customer 1' }));
    expect(onOpen).toHaveBeenCalledWith(1);
  });

  it('waiting queue: depth badge and one item per waiting chat', () => {
    render(<WaitingQueuePanel queue={queue([session(5, { status: 'waiting', agent: null }), session(6, { status: 'waiting', agent: null })])} error={null} />);
    expect(screen.getByTestId('queue-depth').textContent).toContain('2 waiting');
    expect(screen.getAllByTestId('queue-item').map((i) => i.textContent)).toEqual([
      expect.stringContaining('Customer 5'),
      expect.stringContaining('Customer 6'),
    ]);
  });

  it('waiting queue: an empty state when nobody waits', () => {
    render(<WaitingQueuePanel queue={queue([])} error={null} />);
    expect(screen.getByText('Nobody is waiting')).toBeTruthy();
  });

  it('agent performance: one row per agent, active first, with status and counts', () => {
    render(<AgentPerformancePanel agents={agents} error={null} />);
    const rows = screen.getAllByTestId('agent-row');
    expect(rows.map((r) => r.textContent?.split(/Active|Idle|Offline/)[0])).toEqual(['Alice Agent', 'Bob Agent', 'Carol Agent']);
    expect(rows[0].textContent).toContain('5'); // handled today
  });

  it('customer satisfaction: average, count and the star distribution', () => {
    render(<SatisfactionPanel metrics={metrics()} error={null} />);
    expect(screen.getByTestId('csat-average').textContent).toBe('4.50 / 5');
    expect(screen.getByTestId('csat-count').textContent).toBe('12');
    expect(screen.getByLabelText('Ratings today by stars').getAttribute('data-values')).toBe('8,2,1,1,0');
  });

  it('customer satisfaction: no chart before the first rating', () => {
    const m = metrics();
    render(<SatisfactionPanel metrics={{ ...m, csat: { ...m.csat, average: null, count: 0 } }} error={null} />);
    expect(screen.getByText('No ratings yet today')).toBeTruthy();
    expect(screen.queryByTestId('chart')).toBeNull();
  });

  it('message analytics: today, peak hour and the three charts', () => {
    render(<MessageAnalyticsPanel metrics={metrics()} error={null} />);
    expect(screen.getByTestId('messages-today').textContent).toBe('512');
    expect(screen.getByText('14:00')).toBeTruthy();
    expect(screen.getAllByTestId('chart')).toHaveLength(3);
  });

  it('every panel shows a shimmer while loading and the error when the load failed', () => {
    const { container } = render(<SatisfactionPanel metrics={null} error={null} />);
    expect(container.querySelector('[aria-busy=true] .shimmer')).toBeTruthy();
    cleanup();
    render(<AgentPerformancePanel agents={null} error="Could not load" />);
    expect(screen.getByRole('alert').textContent).toBe('Could not load');
  });
});
