import { describe, expect, it } from 'vitest';
import { buildConversationQuery, emptyFilters, parseConversationQuery } from './conversation-filters';

describe('conversation filters', () => {
  it('leave out what is empty', () => {
    expect(buildConversationQuery(emptyFilters)).toBe('');
    expect(buildConversationQuery({ ...emptyFilters, q: '   ', from: '2026-1-1' })).toBe('');
  });

  it('build the API query: comma lists, ids, days, and relevance only with a search', () => {
    const qs = buildConversationQuery({
      ...emptyFilters,
      q: ' refund "order 42" -test ',
      status: ['active', 'closed'],
      agentId: 7,
      customerId: 12,
      tagIds: [3, 5],
      dispositionId: 2,
      closeReason: 'resolved',
      ratings: [5, 1],
      from: '2026-11-01',
      to: '2026-11-30',
      sort: 'relevance',
    });
    const p = new URLSearchParams(qs);
    expect(Object.fromEntries(p)).toEqual({
      q: 'refund "order 42" -test',
      status: 'active,closed',
      agent_id: '7',
      customer_id: '12',
      tag_id: '3,5',
      disposition_id: '2',
      close_reason: 'resolved',
      rating: '1,5',
      from: '2026-11-01',
      to: '2026-11-30',
      sort: 'relevance',
    });
    expect(qs).toContain('status=active%2Cclosed');
    expect(buildConversationQuery({ ...emptyFilters, sort: 'relevance' })).toBe('');
  });

  it('read back from a URL, dropping values the API would refuse', () => {
    const f = parseConversationQuery('q=zip*&status=closed,bogus&agent_id=x&rating=9,4&close_reason=nope&from=2026-11-01&sort=relevance');
    expect(f).toEqual({ ...emptyFilters, q: 'zip*', status: ['closed'], ratings: [4], from: '2026-11-01', sort: 'relevance' });
    expect(parseConversationQuery(buildConversationQuery(f))).toEqual(f);
  });
});
