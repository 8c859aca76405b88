// Requests of the conversations routes (search list, transcript) and the tags and dispositions routes.
// Shared: the Conversations page, the contact page and the contact panel read them; the agent console tags.
import { http } from '../services/http-client';
import type { ConversationPage, ConversationSettings, Disposition, Tag, Transcript } from './issue14-types';

export const transcriptKey = (id: number) => ['conversation', id] as const;

export const getTranscript = (id: number, signal?: AbortSignal) => http.get<Transcript>(`/api/v1/conversations/${id}`, { signal });

/** `query` is a URLSearchParams string without the cursor (see the conversations feature's filters). */
export function listConversations(query: string, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams(query);
  if (cursor) params.set('cursor', cursor);
  const qs = params.toString();
  return http.get<ConversationPage>(`/api/v1/conversations${qs ? `?${qs}` : ''}`, { signal });
}

export const getTags = (includeArchived = false) =>
  http.get<{ tags: Tag[] }>(`/api/v1/tags${includeArchived ? '?include_archived=true' : ''}`);

export const getDispositions = () => http.get<{ dispositions: Disposition[] }>('/api/v1/dispositions');

export const getConversationSettings = () => http.get<ConversationSettings>('/api/v1/admin/settings/conversations');

export const putConversationTag = (conversationId: number, tagId: number) =>
  http.put<{ tags: Tag[] }>(`/api/v1/conversations/${conversationId}/tags/${tagId}`);

export const deleteConversationTag = (conversationId: number, tagId: number) =>
  http.del<{ tags: Tag[] }>(`/api/v1/conversations/${conversationId}/tags/${tagId}`);
