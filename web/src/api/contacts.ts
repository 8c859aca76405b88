// Requests of the contacts routes (GET/PATCH /api/v1/contacts..., contact notes, merge). Shared: the contact
// panel (agent console, dashboard drawer) and the contact page use them.
import { http } from '../services/http-client';
import type { AttributeValue, Contact, ContactDetail, ContactNote, ContactPage } from './issue14-types';

export const contactKey = (id: number) => ['contact', id] as const;

export const getContact = (id: number, signal?: AbortSignal) => http.get<ContactDetail>(`/api/v1/contacts/${id}`, { signal });

export function searchContacts(q: string, limit = 10, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (q.trim()) params.set('q', q.trim());
  return http.get<ContactPage>(`/api/v1/contacts?${params}`, { signal });
}

export interface ContactChange {
  name?: string;
  email?: string;
  /** Merged into the contact's attributes; null removes a key. */
  attributes?: Record<string, AttributeValue | null>;
}

export const patchContact = (id: number, change: ContactChange) => http.patch<{ contact: Contact }>(`/api/v1/contacts/${id}`, change);

export const postContactNote = (contactId: number, body: string) =>
  http.post<{ note: ContactNote }>(`/api/v1/contacts/${contactId}/notes`, { body });

export const patchContactNote = (contactId: number, noteId: number, body: string) =>
  http.patch<{ note: ContactNote }>(`/api/v1/contacts/${contactId}/notes/${noteId}`, { body });

export const deleteContactNote = (contactId: number, noteId: number) => http.del<unknown>(`/api/v1/contacts/${contactId}/notes/${noteId}`);

/** Moves `fromContactId`'s conversations and notes into `id`. */
export const postMergeContact = (id: number, fromContactId: number) =>
  http.post<{ contact: Contact }>(`/api/v1/contacts/${id}/merge`, { from_contact_id: fromContactId });
