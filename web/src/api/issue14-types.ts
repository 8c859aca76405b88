// Shapes of the #14 routes (conversations search and transcript, contacts, tags, dispositions), written from the
// fixed API (/work/notes/r14/api.md) while those routes are being documented in docs/openapi.json. Once they are,
// these names should become aliases of the generated schemas (like ./types.ts does), keeping the same names.
import type { components } from './openapi';
import type { Message, Note, Transfer } from './types';

type Schemas = components['schemas'];

export type ConversationStatus = 'waiting' | 'active' | 'closed';
export type ConversationCloseReason = 'resolved' | 'missed' | 'blocked';

export interface NamedRef {
  id: number;
  name: string;
}

// Tags and dispositions are in docs/openapi.json already: their generated schemas.
export type Tag = Schemas['Tag'];
/** A tag as a conversation, a timeline entry or a search result names it. */
export type TagRef = Pick<Tag, 'id' | 'name' | 'color'> & Partial<Pick<Tag, 'archived' | 'created_at'>>;
export type Disposition = Schemas['Disposition'];
export type ConversationSettings = Schemas['ConversationSettings'];

/** One piece of a search snippet: plain text, `hit` when it matched the query. Never HTML. */
export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export interface Conversation {
  id: number;
  status: ConversationStatus;
  customer: { id: number; name: string; email: string | null };
  agent: NamedRef | null;
  subject: string;
  created_at: string;
  assigned_at: string | null;
  closed_at: string | null;
  close_reason: ConversationCloseReason | null;
  disposition: NamedRef | null;
  tags: TagRef[];
  rating: number | null;
  message_count: number;
  last_message_at: string | null;
  erased: boolean;
  snippet?: SnippetSegment[] | null;
  matched_in?: 'messages' | 'notes' | 'subject' | 'customer' | null;
}

export interface ConversationPage {
  conversations: Conversation[];
  next_cursor: string | null;
}

export type TimelineEntry =
  | { kind: 'message'; at: string; message: Message }
  | { kind: 'note' | 'whisper'; at: string; note: Note }
  | { kind: 'transfer'; at: string; transfer: Transfer }
  | {
      kind: 'system';
      at: string;
      event: 'started' | 'assigned' | 'closed';
      agent: NamedRef | null;
      close_reason?: ConversationCloseReason | null;
      disposition?: NamedRef | null;
    }
  | { kind: 'tag'; at: string; action: 'added' | 'removed'; tag: TagRef; by: NamedRef | null };

export interface Transcript {
  conversation: Conversation;
  rating: { rating: number; comment: string | null; created_at: string } | null;
  timeline: TimelineEntry[];
}

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
