import type { ConversationCloseReason, ConversationStatus } from '../../../api/issue14-types';

/** What the Conversations page filters on; mirrors GET /api/v1/conversations's query parameters. */
export interface ConversationFilters {
  q: string;
  status: ConversationStatus[];
  agentId: number | null;
  tagIds: number[];
  dispositionId: number | null;
  closeReason: ConversationCloseReason | null;
  ratings: number[];
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  customerId: number | null;
  sort: 'newest' | 'relevance';
}

export const emptyFilters: ConversationFilters = {
  q: '',
  status: [],
  agentId: null,
  tagIds: [],
  dispositionId: null,
  closeReason: null,
  ratings: [],
  from: '',
  to: '',
  customerId: null,
  sort: 'newest',
};

const STATUSES: ConversationStatus[] = ['waiting', 'active', 'closed'];
const REASONS: ConversationCloseReason[] = ['resolved', 'missed', 'blocked'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The API's query string for these filters (without cursor): empty filters are left out, lists are comma
 * separated, `sort=relevance` only with a search. The page also uses it as its own URL's query, so a search
 * can be bookmarked and shared.
 */
export function buildConversationQuery(f: ConversationFilters): string {
  const p = new URLSearchParams();
  const q = f.q.trim();
  if (q) p.set('q', q);
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.agentId !== null) p.set('agent_id', String(f.agentId));
  if (f.customerId !== null) p.set('customer_id', String(f.customerId));
  if (f.tagIds.length) p.set('tag_id', f.tagIds.join(','));
  if (f.dispositionId !== null) p.set('disposition_id', String(f.dispositionId));
  if (f.closeReason) p.set('close_reason', f.closeReason);
  if (f.ratings.length) p.set('rating', [...f.ratings].sort((a, b) => a - b).join(','));
  if (DAY.test(f.from)) p.set('from', f.from);
  if (DAY.test(f.to)) p.set('to', f.to);
  if (q && f.sort === 'relevance') p.set('sort', 'relevance');
  return p.toString();
}

const id = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : null);
const ids = (v: string | null) => (v ? v.split(',').filter((x) => /^\d+$/.test(x)).map(Number) : []);

/** The filters a URL query names (unknown values dropped); the inverse of buildConversationQuery. */
export function parseConversationQuery(search: string | URLSearchParams): ConversationFilters {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const status = (p.get('status') ?? '').split(',').filter((s): s is ConversationStatus => STATUSES.includes(s as ConversationStatus));
  const reason = p.get('close_reason');
  return {
    q: p.get('q') ?? '',
    status,
    agentId: id(p.get('agent_id')),
    tagIds: ids(p.get('tag_id')),
    dispositionId: id(p.get('disposition_id')),
    closeReason: REASONS.includes(reason as ConversationCloseReason) ? (reason as ConversationCloseReason) : null,
    ratings: ids(p.get('rating')).filter((r) => r >= 1 && r <= 5),
    from: DAY.test(p.get('from') ?? '') ? (p.get('from') as string) : '',
    to: DAY.test(p.get('to') ?? '') ? (p.get('to') as string) : '',
    customerId: id(p.get('customer_id')),
    sort: p.get('sort') === 'relevance' ? 'relevance' : 'newest',
  };
}
