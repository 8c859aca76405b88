import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

const TYPING_IDLE_MS = 3000;

/** Enter sends, Shift+Enter breaks the line; typing on/off is reported as the text changes. */
export function Composer({ onSend, onTyping }: { onSend: (body: string) => void; onTyping: (isTyping: boolean) => void }) {
  const [text, setText] = useState('');
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onTypingRef = useRef(onTyping);
  useEffect(() => {
    onTypingRef.current = onTyping;
  });

  const stopTyping = () => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (typing.current) {
      typing.current = false;
      onTypingRef.current(false);
    }
  };
  useEffect(() => stopTyping, []);

  const change = (value: string) => {
    setText(value);
    if (!value.trim()) return stopTyping();
    if (!typing.current) {
      typing.current = true;
      onTypingRef.current(true);
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = () => {
    const body = text.trim();
    if (!body) return;
    onSend(body);
    setText('');
    stopTyping();
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        aria-label="Message"
        placeholder="Write a reply… (Enter sends, Shift+Enter for a new line)"
        rows={2}
        maxLength={8192}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={keyDown}
        data-testid="composer"
      />
      <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
        Send
      </button>
    </form>
  );
}
