// The REST shapes are generated from docs/openapi.json into ./openapi.ts (`npm run api:types`); this file names
// them for the features and adds what the REST description does not carry: the WebSocket frames.
import type { components, paths } from './openapi';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type AgentStatus = Schemas['AgentStatus'];
export type SessionStatus = Schemas['SessionStatus'];
export type SenderType = Schemas['SenderType'];
export type MessageType = Schemas['MessageType'];
export type MessageStatus = Schemas['MessageStatus'];
export type CloseReason = Schemas['CloseReason'];
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

export type User = Schemas['User'];
export type StaffUser = Schemas['StaffUser'];
export type LoginResponse = Schemas['LoginResponse'];
export type Message = Schemas['Message'];
export type MessageAttachment = Schemas['MessageAttachment'];
export type Upload = Schemas['Upload'];
/** A message's file, or an upload's answer (which adds the `id` to send it with). */
export type Attachment = MessageAttachment | Upload;
export type Session = Schemas['Session'];
export type Queue = Schemas['Queue'];
export type Agent = Schemas['Agent'];
export type StarKey = '1' | '2' | '3' | '4' | '5';
export type Metrics = Schemas['Metrics'];
export type StartChatRequest = Schemas['StartChatRequest'];
export type StartChatResponse = Schemas['StartChatResponse'];
export type TransferStatus = Schemas['TransferStatus'];
export type Transfer = Schemas['Transfer'];
export type Note = Schemas['Note'];
export type CannedResponse = Schemas['CannedResponse'];
export type Block = Schemas['Block'];
export type ApiErrorBody = Schemas['Error'];

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** The JSON body that `method path` answers with `status`, as docs/openapi.json describes it. */
export type ApiResponse<
  P extends keyof paths,
  M extends Method & keyof paths[P],
  S extends number = 200,
> = paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never
  : never;

export type ChangeAction = 'created' | 'updated' | 'deleted';

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
