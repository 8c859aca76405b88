import { useInfiniteQuery } from '@tanstack/react-query';
import { listConversations } from '../../../api/conversations';

/** Pages of GET /api/v1/conversations for one query string, following next_cursor. */
export function useConversationSearch(query: string) {
  return useInfiniteQuery({
    queryKey: ['conversations', query],
    queryFn: ({ pageParam, signal }) => listConversations(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
