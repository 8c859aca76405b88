import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeAction, DashboardEvents, Message, Note, Session } from '../../../api/types';
import { useConnectionManager, useRealtimeData } from '../../../services/use-realtime';
import type { ConnectionManager } from '../../../services/websocket';
import { getSession } from '../api/get-session';
import { getSessionMessages } from '../api/get-session-messages';
import { getSessionNotes } from '../api/get-session-notes';

/** Adds messages in seq order, ignoring ones already there. */
export function mergeMessages(list: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Applies one note_update / whisper change to a list. */
export function applyNote(list: Note[], note: Note, action: ChangeAction): Note[] {
  const others = list.filter((n) => n.id !== note.id);
  if (action === 'deleted') return others;
  return [...others, note].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
}

/** Silent monitoring: watch one chat on the dashboard socket (neither customer nor agent is told). */
export function watchSession(manager: ConnectionManager, sessionId: number): boolean {
  return manager.send({ type: 'watch', data: { session_id: sessionId } });
}
export function unwatchSession(manager: ConnectionManager, sessionId: number): boolean {
  return manager.send({ type: 'unwatch', data: { session_id: sessionId } });
}

/**
 * One conversation, live: GET the session, its messages and notes, then `watch` it on the dashboard
 * socket so its message_created, typing_indicator, note_update, whisper and session_update frames
 * arrive; `unwatch` when closed. A reconnect watches again and fetches what was missed.
 */
export function useSessionUpdates(sessionId: number | null) {
  const manager = useConnectionManager();
  const [session, setSession] = useState<Session | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [notes, setNotes] = useState<Note[]>([]);
  const [typing, setTyping] = useState<string | null>(null);
  const [watching, setWatching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const lastSeq = useRef(0);

  const catchUp = useCallback(async (id: number) => {
    try {
      const [res, n] = await Promise.all([getSessionMessages(id, lastSeq.current), getSessionNotes(id)]);
      setMessages((list) => mergeMessages(list, res.messages));
      setNotes(n.notes);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not load messages');
    }
  }, []);

  useEffect(() => {
    setSession(null);
    setMessages([]);
    setNotes([]);
    setTyping(null);
    setError(null);
    setWatching(false);
    lastSeq.current = 0;
    if (sessionId === null) return;
    let cancelled = false;
    setLoading(true);
    Promise.all([getSession(sessionId), getSessionMessages(sessionId)])
      .then(([s, m]) => {
        if (cancelled) return;
        setSession(s.session);
        setMessages((list) => mergeMessages(list, m.messages));
      })
      .catch((err) => !cancelled && setError(err instanceof Error ? err.message : 'Could not load'))
      .finally(() => !cancelled && setLoading(false));
    getSessionNotes(sessionId)
      .then((n) => !cancelled && setNotes((list) => n.notes.reduce((acc, note) => applyNote(acc, note, 'created'), list)))
      .catch(() => {
        /* notes are extra */
      });
    watchSession(manager, sessionId);
    return () => {
      cancelled = true;
      unwatchSession(manager, sessionId);
    };
  }, [sessionId, manager]);

  useEffect(() => {
    lastSeq.current = messages.length ? messages[messages.length - 1].seq : 0;
  }, [messages]);

  const mine = (id: number | undefined) => sessionId !== null && id === sessionId;
  useRealtimeData<DashboardEvents['watching']>('watching', (d) => mine(d.session_id) && setWatching(true));
  useRealtimeData<DashboardEvents['unwatched']>('unwatched', (d) => mine(d.session_id) && setWatching(false));
  useRealtimeData<DashboardEvents['message_created']>('message_created', (d) => {
    if (!mine(d.session_id)) return;
    setMessages((list) => mergeMessages(list, [{ ...d.message, session_id: d.session_id } as Message]));
    if (d.message.sender_type !== 'system') setTyping(null);
  });
  useRealtimeData<DashboardEvents['session_update']>('session_update', (d) => {
    if (!mine(d.session?.id)) return;
    setSession(d.session);
    if (d.session.status === 'closed') setWatching(false);
  });
  useRealtimeData<DashboardEvents['typing_indicator']>('typing_indicator', (d) => {
    if (!mine(d.session_id)) return;
    setTyping(d.is_typing ? d.sender_type : null);
  });
  useRealtimeData<DashboardEvents['note_update']>('note_update', (d) => {
    if (mine(d.note?.session_id)) setNotes((list) => applyNote(list, d.note, d.action));
  });
  useRealtimeData<DashboardEvents['whisper']>('whisper', (d) => {
    if (mine(d.note?.session_id)) setNotes((list) => applyNote(list, { ...d.note, kind: 'whisper' }, d.action));
  });
  // After a reconnect the server has forgotten the watch: watch again and fetch what was missed.
  useRealtimeData('auth_success', () => {
    if (sessionId === null) return;
    watchSession(manager, sessionId);
    void catchUp(sessionId);
  });

  const addLocal = useCallback((m: Message) => setMessages((list) => mergeMessages(list, [m])), []);
  const addNoteLocal = useCallback((n: Note) => setNotes((list) => applyNote(list, n, 'created')), []);

  return {
    session,
    messages,
    notes: notes.filter((n) => n.kind !== 'whisper'),
    whispers: notes.filter((n) => n.kind === 'whisper'),
    typing,
    watching,
    error,
    loading,
    addLocal,
    addNoteLocal,
  };
}
