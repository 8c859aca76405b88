// Types mirroring docs/api.md and shared/contract.md. One place; features import from here.

export type Role = 'admin' | 'supervisor' | 'agent';
export type AgentStatus = 'active' | 'idle' | 'in_call' | 'offline';
export type SessionStatus = 'waiting' | 'active' | 'closed';
export type SenderType = 'customer' | 'agent' | 'system';
export type MessageType = 'text' | 'image' | 'file' | 'audio' | 'video';
export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed';
export type CloseReason = 'resolved' | 'missed' | 'blocked';
export type SessionChange =
  | 'created'
  | 'assigned'
  | 'requeued'
  | 'transferred'
  | 'closed'
  | 'rated'
  | 'transfer_pending'
  | 'transfer_accepted'
  | 'transfer_declined'
  | 'transfer_expired';

export interface User {
  id: number;
  username: string;
  name: string;
  role: Role;
  status?: AgentStatus;
  capacity?: number;
  last_active_at?: string | null;
}

export interface LoginResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: User;
}

export interface Message {
  id: number;
  session_id: number;
  seq: number;
  sender_type: SenderType;
  sender_user_id: number | null;
  type: MessageType;
  body: string;
  status: MessageStatus;
  client_msg_id: string | null;
  attachment: Attachment | null;
  created_at: string;
}

export interface Attachment {
  /** The SHA-256 of the content; in the upload answer only. */
  id?: string;
  name: string;
  mime: string;
  size: number;
  /** Fetched with the Authorization header, never with a token in the URL. */
  url: string;
}

export interface Session {
  id: number;
  status: SessionStatus;
  customer: { id: number; name: string; email: string };
  agent: { id: number; name: string } | null;
  subject: string | null;
  created_at: string;
  assigned_at: string | null;
  closed_at: string | null;
  close_reason: CloseReason | null;
  wait_seconds: number;
  unread_count: number;
  last_message: Partial<Message> | null;
  priority?: number;
  first_response_at?: string | null;
  queue_position?: number;
  rating?: number | null;
}

export interface Queue {
  depth: number;
  sessions: Session[];
  avg_wait_seconds: number | null;
  longest_wait_seconds: number | null;
}

export interface Agent {
  id: number;
  name: string;
  status: AgentStatus;
  active_sessions: number;
  sessions_handled_today: number;
  avg_resolution_seconds: number | null;
  satisfaction: number | null;
  last_active_at: string | null;
}

export type StarKey = '1' | '2' | '3' | '4' | '5';

export interface Metrics {
  active_sessions: number;
  waiting_sessions: number;
  sessions_today: number;
  closed_today: number;
  missed_today?: number;
  avg_wait_seconds: number | null;
  avg_first_response_seconds: number | null;
  avg_resolution_seconds: number | null;
  avg_chat_duration_seconds?: number | null;
  longest_wait_seconds?: number | null;
  avg_response_seconds?: number | null;
  max_response_seconds?: number | null;
  agents: Record<AgentStatus, number>;
  csat: {
    average: number | null;
    count: number;
    distribution: Record<StarKey, number>;
    change_pct: number | null;
    satisfaction_score?: number | null;
    response_rate?: number | null;
  };
  messages: {
    today: number;
    per_hour: number[];
    peak_hour: number | null;
    by_type: Record<MessageType, number>;
    by_status: Record<MessageStatus, number>;
  };
}

export interface StartChatRequest {
  name: string;
  email: string;
  subject?: string;
  message?: string;
}

export interface StartChatResponse {
  session_id: number;
  customer_token: string;
  status: SessionStatus;
  queue_position: number;
  session: Session;
}

// ---- agent tools ----

export type TransferStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';

export interface Transfer {
  id: number;
  session_id: number;
  from_agent_id: number;
  to_agent_id: number | null;
  reason: string;
  status: TransferStatus;
  created_at: string;
  resolved_at: string | null;
}

export interface Note {
  id: number;
  session_id: number;
  author: { id: number; name: string };
  kind: 'note' | 'whisper';
  body: string;
  created_at: string;
  updated_at: string;
}

export interface CannedResponse {
  id: number;
  shared: boolean;
  owner_user_id: number | null;
  shortcut: string;
  title: string;
  body: string;
  updated_at: string;
}

export interface Block {
  id: number;
  customer_id: number | null;
  email: string;
  reason: string;
  blocked_by: number | null;
  created_at: string;
  lifted_at: string | null;
}

export type ChangeAction = 'created' | 'updated' | 'deleted';

export interface ApiErrorBody {
  error: { code: string; message: string };
}

// ---- WebSocket frames (server -> client), by type ----

export interface ServerFrame<T = unknown> {
  type: string;
  data: T;
  timestamp?: string;
}

export interface DashboardEvents {
  auth_success: { user_id: number; role: Role };
  heartbeat: { pong: true };
  error: { code: string; message?: string; client_msg_id?: string };
  subscribed: { event_types: string[] };
  queue_depth_changed: { depth: number; previous_depth: number };
  session_update: { session: Session; change?: SessionChange; transfer?: Transfer };
  agent_status_changed: { agent_id: number; name: string; status: AgentStatus; previous_status: AgentStatus };
  message_created: { session_id: number; message: Message };
  typing_indicator: { session_id: number; sender_type: SenderType; is_typing: boolean };
  watching: { session_id: number };
  unwatched: { session_id: number };
  note_update: { note: Note; action: ChangeAction };
  whisper: { note: Note; action: ChangeAction };
  queue_updated: Queue;
  metrics_updated: { metrics: Metrics };
  active_sessions_updated: { sessions: Session[] };
}

export interface AgentEvents {
  auth_success: { user_id: number; role: Role; status?: AgentStatus; sessions: Session[] };
  heartbeat: { pong: true };
  error: { code: string; message?: string; client_msg_id?: string; session_id?: number };
  session_update: { session: Session; change?: SessionChange; transfer?: Transfer };
  queue_depth_changed: { depth: number; previous_depth: number };
  agent_status_changed: { agent_id: number; name: string; status: AgentStatus; previous_status: AgentStatus };
  message_created: { session_id: number; message: Message };
  message_ack: { client_msg_id: string | null; message: Message; duplicate: boolean };
  typing_indicator: { session_id: number; sender_type: SenderType; is_typing: boolean };
  receipt: { session_id: number; reader_type: SenderType; up_to_seq: number; status: 'delivered' | 'read' };
  assignment_revoked: { session_id: number; reason: string };
  status: { status: AgentStatus };
  transfer_requested: { transfer: Transfer };
  transfer_update: { transfer: Transfer };
  note_update: { note: Note; action: ChangeAction };
  whisper: { note: Note; action: ChangeAction };
  canned_update: { canned_response: CannedResponse; action: ChangeAction };
  block_update: { block: Block; action: string };
}

export interface CustomerEvents {
  auth_success: { session: Session };
  heartbeat: { pong: true };
  error: { code: string; message?: string; client_msg_id?: string };
  message_created: { session_id: number; message: Message };
  message_ack: { client_msg_id: string | null; message: Message; duplicate: boolean };
  typing_indicator: { session_id: number; sender_type: SenderType; is_typing: boolean };
  receipt: { session_id: number; reader_type: SenderType; up_to_seq: number; status: 'delivered' | 'read' };
  session_update: { session: Session; change?: SessionChange };
  queue_position: { session_id: number; position: number; estimated_wait_seconds: number | null };
  rated: { session: Session };
}
