// Shapes of the #14 routes (conversations search and transcript, contacts, tags, dispositions). Those documented in
// docs/openapi.json are aliases of the generated schemas (like ./types.ts); the rest are written from the fixed API
// (/work/notes/r14/api.md) until they are documented there too, keeping the same names.
import type { components } from './openapi';

type Schemas = components['schemas'];

export type ConversationStatus = 'waiting' | 'active' | 'closed';
export type ConversationCloseReason = 'resolved' | 'missed' | 'blocked';

export type NamedRef = Schemas['NamedRef'];

// Tags and dispositions are in docs/openapi.json already: their generated schemas.
export type Tag = Schemas['Tag'];
/** A tag as a conversation, a timeline entry or a search result names it. */
export type TagRef = Pick<Tag, 'id' | 'name' | 'color'> & Partial<Pick<Tag, 'archived' | 'created_at'>>;
export type Disposition = Schemas['Disposition'];
export type ConversationSettings = Schemas['ConversationSettings'];

/** One piece of a search snippet: plain text, `hit` when it matched the query. Never HTML. */
export type SnippetSegment = Schemas['SnippetSegment'];
/**
 * A conversation as the list, a search and a transcript show it (GET /api/v1/conversations). The server sends whole
 * Tags; the components need only a TagRef of each (and their tests build no more), hence the narrower `tags` here
 * and in the two shapes that hold conversations.
 */
export type Conversation = Omit<Schemas['Conversation'], 'tags'> & { tags: TagRef[] };
export type ConversationPage = Omit<Schemas['ConversationPage'], 'conversations'> & { conversations: Conversation[] };
/** One entry of a transcript's timeline, by `kind`. */
export type TimelineEntry = Schemas['TimelineEntry'];
export type Transcript = Omit<Schemas['Transcript'], 'conversation'> & { conversation: Conversation };

export type AttributeValue = string | number | boolean;

export interface Contact {
  id: number;
  name: string;
  email: string | null;
  anonymous: boolean;
  external_id: string | null;
  identity_verified: boolean;
  attributes: Record<string, AttributeValue>;
  first_seen_at: string;
  last_seen_at: string | null;
  chat_count: number;
  average_rating: number | null;
  merged_into: number | null;
  erased: boolean;
}

export interface ContactNote {
  id: number;
  contact_id: number;
  author: NamedRef;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface ContactConversation {
  id: number;
  status: ConversationStatus;
  subject: string;
  created_at: string;
  closed_at: string | null;
  agent: NamedRef | null;
  rating: number | null;
}

export interface ContactDetail {
  contact: Contact;
  notes: ContactNote[];
  conversations: ContactConversation[];
}

export interface ContactPage {
  contacts: Contact[];
  next_cursor: string | null;
}
