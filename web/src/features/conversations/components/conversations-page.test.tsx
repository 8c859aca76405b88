import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '../../../api/issue14-types';
import type { User } from '../../../api/types';
import { ConversationsPage } from './conversations-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const T0 = '2026-11-24T20:00:00.000Z';
const conv = (id: number, over: Partial<Conversation> = {}): Conversation => ({
  id, status: 'closed', customer: { id: 1, name: `Customer ${id}`, email: null }, agent: null, subject: `Subject ${id}`,
  created_at: T0, assigned_at: null, closed_at: T0, close_reason: 'resolved', disposition: null, tags: [], rating: null,
  message_count: 2, last_message_at: T0, erased: false, snippet: null, matched_in: null, ...over,
});
const user = { id: 7, username: 'alice', name: 'Alice', role: 'agent' } as User;

describe('ConversationsPage', () => {
  it('asks the API with the search and filters, lists results with marked hits, and follows next_cursor', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string | URL | Request) => {
      const u = String(url);
      urls.push(u);
      let body: unknown = {};
      if (u.startsWith('/api/v1/conversations')) {
        const p = new URL(u, 'http://x').searchParams;
        body = p.get('cursor')
          ? { conversations: [conv(1)], next_cursor: null }
          : { conversations: [conv(3, { snippet: [{ text: 'the ', hit: false }, { text: 'zipper', hit: true }, { text: ' broke', hit: false }], matched_in: 'messages' })], next_cursor: 'c2' };
      } else if (u.startsWith('/api/v1/tags')) body = { tags: [] };
      else if (u.startsWith('/api/v1/dispositions')) body = { dispositions: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }));
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/conversations']}>
          <ConversationsPage user={user} onLogout={() => {}} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByLabelText('Search conversations'), { target: { value: 'zipper' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.click(screen.getByLabelText('closed'));
    await waitFor(() => expect(urls).toContain('/api/v1/conversations?q=zipper&status=closed'));
    const list = await screen.findByTestId('conversation-results');
    expect(list.tagName).toBe('UL');
    await waitFor(() => expect(within(list).getByText('zipper').tagName).toBe('MARK'));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByTestId('conversation-result')).toHaveLength(2));
    expect(urls).toContain('/api/v1/conversations?q=zipper&status=closed&cursor=c2');
  });
});
