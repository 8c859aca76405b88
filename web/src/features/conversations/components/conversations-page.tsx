import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { User } from '../../../api/types';
import { AppHeader } from '../../../components/app-header';
import { EmptyState, Shimmer } from '../../../components/panel';
import { buildConversationQuery, parseConversationQuery, type ConversationFilters } from '../hooks/conversation-filters';
import { useConversationSearch } from '../hooks/use-conversation-search';
import { ConversationFiltersForm } from './conversation-filters-form';
import { ConversationResult } from './conversation-result';

interface Props {
  user: User;
  onLogout: () => void;
}

/** /conversations: search every conversation (the page's URL carries the API's query), newest or best first. */
export function ConversationsPage({ user, onLogout }: Props) {
  const [params, setParams] = useSearchParams();
  const filters = parseConversationQuery(params);
  const query = buildConversationQuery(filters);
  const [text, setText] = useState(filters.q);
  const searchId = useId();
  const hintId = useId();
  const results = useConversationSearch(query);
  const apply = (next: ConversationFilters) => setParams(new URLSearchParams(buildConversationQuery(next)), { replace: false });
  const conversations = results.data?.pages.flatMap((p) => p.conversations) ?? [];

  // Infinite scroll: the next page loads when the end of the list comes into view (the button stays for keyboards).
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = results;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div className="page conversations-page">
      <AppHeader title="Conversations" userName={user.name || user.username} onLogout={onLogout} role={user.role} />
      <main className="conversations-layout">
        <form
          className="search-bar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            apply({ ...filters, q: text });
          }}
        >
          <label htmlFor={searchId}>Search conversations</label>
          <div className="search-row">
            <input
              id={searchId}
              type="search"
              value={text}
              aria-describedby={hintId}
              placeholder='refund "order 123" pay* -test'
              onChange={(e) => setText(e.target.value)}
              data-testid="conversation-search"
            />
            <button type="submit" className="btn btn-primary">
              Search
            </button>
            <label className="filter">
              <span className="visually-hidden">Sort</span>
              <select
                value={filters.sort}
                disabled={!filters.q.trim()}
                onChange={(e) => apply({ ...filters, sort: e.target.value as ConversationFilters['sort'] })}
              >
                <option value="newest">Newest first</option>
                <option value="relevance">Best match</option>
              </select>
            </label>
          </div>
          <p id={hintId} className="muted small search-hint">
            All words must occur (messages, notes, subject, customer). <code>"two words"</code> a phrase, <code>pay*</code> a prefix,{' '}
            <code>-word</code> excludes. Case and accents do not matter.
          </p>
        </form>
        <ConversationFiltersForm filters={filters} user={user} onChange={apply} />
        <section className="results" aria-label="Results" aria-busy={results.isFetching || undefined}>
          {results.error ? (
            <p className="panel-error" role="alert">
              {results.error.message}
            </p>
          ) : null}
          {results.isPending ? (
            <Shimmer lines={6} />
          ) : conversations.length === 0 && !results.error ? (
            <EmptyState title="No conversation matches">Try fewer words or filters.</EmptyState>
          ) : (
            <ul className="result-list" data-testid="conversation-results">
              {conversations.map((c) => (
                <ConversationResult key={c.id} c={c} />
              ))}
            </ul>
          )}
          <div ref={sentinel} />
          {hasNextPage ? (
            <button type="button" className="btn" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
              {isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </section>
      </main>
    </div>
  );
}
