import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactDetail, Transcript } from '../api/issue14-types';
import { ContactPanel } from './contact-panel';

afterEach(cleanup);

const T0 = '2026-11-24T20:00:00.000Z';
const detail: ContactDetail = {
  contact: {
    id: 42,
    name: 'Rita Returning',
    email: 'rita@example.com',
    anonymous: false,
    external_id: 'u-77',
    identity_verified: true,
    attributes: { plan: 'pro', seats: 5 },
    first_seen_at: T0,
    last_seen_at: T0,
    chat_count: 2,
    average_rating: 4,
    merged_into: null,
    erased: false,
  },
  notes: [{ id: 1, contact_id: 42, author: { id: 7, name: 'Alice' }, body: 'Prefers email follow-ups', created_at: T0, updated_at: T0 }],
  conversations: [
    { id: 9, status: 'active', subject: 'Now', created_at: T0, closed_at: null, agent: { id: 7, name: 'Alice' }, rating: null },
    { id: 5, status: 'closed', subject: 'Lost parcel', created_at: T0, closed_at: T0, agent: { id: 8, name: 'Bob' }, rating: 4 },
  ],
};
const transcript: Transcript = {
  conversation: {
    id: 5, status: 'closed', customer: { id: 42, name: 'Rita Returning', email: 'rita@example.com' }, agent: { id: 8, name: 'Bob' },
    subject: 'Lost parcel', created_at: T0, assigned_at: T0, closed_at: T0, close_reason: 'resolved', disposition: { id: 1, name: 'Solved' },
    tags: [{ id: 3, name: 'shipping', color: '#22c55e' }], rating: 4, message_count: 1, last_message_at: T0, erased: false,
  },
  rating: { rating: 4, comment: 'quick', created_at: T0 },
  timeline: [
    { kind: 'message', at: T0, message: { id: 1, session_id: 5, seq: 1, sender_type: 'customer', sender_user_id: null, type: 'text', body: 'My parcel never arrived', status: 'read', client_msg_id: null, attachment: null, created_at: T0 } },
    { kind: 'note', at: T0, note: { id: 2, session_id: 5, author: { id: 8, name: 'Bob' }, kind: 'note', body: 'Courier lost it', created_at: T0, updated_at: T0 } },
  ],
};

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('ContactPanel', () => {
  it('shows the contact, their earlier conversations and notes, and opens a transcript with one click', async () => {
    const fetchMock = vi.fn(async (url: string | URL | Request) => {
      const u = String(url);
      if (u.endsWith('/api/v1/contacts/42')) return json(detail);
      if (u.endsWith('/api/v1/conversations/5')) return json(transcript);
      return new Response('{}', { status: 404 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <ContactPanel contactId={42} me={7} currentConversationId={9} />
      </QueryClientProvider>,
    );
    expect((await screen.findByTestId('contact-name')).textContent).toBe('Rita Returning');
    const panel = screen.getByTestId('contact-panel');
    expect(panel.textContent).toContain('rita@example.com');
    expect(panel.textContent).toContain('Verified');
    expect(panel.textContent).toContain('plan');
    expect(panel.textContent).toContain('pro');
    expect(panel.textContent).toContain('Prefers email follow-ups');
    // The chat on screen (#9) is not an "earlier" one.
    const earlier = screen.getAllByTestId('earlier-conversation');
    expect(earlier.map((e) => e.textContent)).toEqual(['#5 Lost parcel']);
    fireEvent.click(earlier[0]);
    const dialog = await screen.findByTestId('transcript-dialog');
    await within(dialog).findByText('My parcel never arrived');
    expect(within(dialog).getByTestId('transcript-note').textContent).toContain('staff only');
    expect(dialog.textContent).toContain('shipping');
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/conversations/5');
    vi.unstubAllGlobals();
  });
});
