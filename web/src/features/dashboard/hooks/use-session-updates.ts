import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardEvents, Message, Session } from '../../../api/types';
import { useConnectionManager, useRealtimeData } from '../../../services/use-realtime';
import { getSession } from '../api/get-session';
import { getSessionMessages } from '../api/get-session-messages';
import { requestSessionUpdate } from '../realtime/requests';

/** Adds messages in seq order, ignoring ones already there. */
export function mergeMessages(list: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * One conversation, live: GET the session and its messages, then message_created (the dashboard
 * subscribes to it only while this hook is mounted), session_update and typing_indicator for it.
 */
export function useSessionUpdates(sessionId: number | null) {
  const manager = useConnectionManager();
  const [session, setSession] = useState<Session | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [typing, setTyping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const lastSeq = useRef(0);

  const catchUp = useCallback(async (id: number) => {
    try {
      const res = await getSessionMessages(id, lastSeq.current);
      setMessages((list) => mergeMessages(list, res.messages));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not load messages');
    }
  }, []);

  useEffect(() => {
    setSession(null);
    setMessages([]);
    setTyping(null);
    setError(null);
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
    requestSessionUpdate(manager, sessionId);
    return () => {
      cancelled = true;
    };
  }, [sessionId, manager]);

  useEffect(() => {
    lastSeq.current = messages.length ? messages[messages.length - 1].seq : 0;
  }, [messages]);

  useRealtimeData<DashboardEvents['message_created']>('message_created', (d) => {
    if (sessionId === null || d.session_id !== sessionId) return;
    setMessages((list) => mergeMessages(list, [{ ...d.message, session_id: d.session_id } as Message]));
    if (d.message.sender_type !== 'system') setTyping(null);
  });
  useRealtimeData<DashboardEvents['session_update']>('session_update', (d) => {
    if (sessionId !== null && d.session?.id === sessionId) setSession(d.session);
  });
  useRealtimeData<DashboardEvents['typing_indicator']>('typing_indicator', (d) => {
    if (sessionId === null || d.session_id !== sessionId) return;
    setTyping(d.is_typing ? d.sender_type : null);
  });
  // After a reconnect, fetch whatever arrived while the socket was down.
  useRealtimeData('auth_success', () => {
    if (sessionId !== null) void catchUp(sessionId);
  });

  return { session, messages, typing, error, loading };
}
