import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CannedResponse } from '../../../api/types';
import { insertCanned, useCannedPicker, type CannedSearch } from '../hooks/use-canned-picker';

const TYPING_IDLE_MS = 3000;

export interface CannedSource {
  search: CannedSearch;
  /** The body with its placeholders filled in for this chat. */
  render: (canned: CannedResponse) => Promise<string>;
}

interface Props {
  onSend: (body: string) => void;
  onTyping?: (isTyping: boolean) => void;
  /** Enables the "/" picker. */
  canned?: CannedSource;
  placeholder?: string;
  label?: string;
  testId?: string;
}

/**
 * Enter sends, Shift+Enter breaks the line; typing on/off is reported as the text changes.
 * Typing "/word" opens the canned-response picker: arrows move, Enter or Tab inserts, Escape closes.
 */
export function Composer({ onSend, onTyping, canned, placeholder, label = 'Message', testId = 'composer' }: Props) {
  const [text, setText] = useState('');
  const [inserting, setInserting] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onTypingRef = useRef(onTyping);
  useEffect(() => {
    onTypingRef.current = onTyping;
  });
  const picker = useCannedPicker(text, canned?.search);
  const listId = useId();

  const stopTyping = () => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (typing.current) {
      typing.current = false;
      onTypingRef.current?.(false);
    }
  };
  useEffect(() => stopTyping, []);

  const change = (value: string) => {
    setText(value);
    if (!value.trim()) return stopTyping();
    if (!typing.current) {
      typing.current = true;
      onTypingRef.current?.(true);
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

  const choose = async (item: CannedResponse) => {
    if (!canned) return;
    setInserting(true);
    let body = item.body;
    try {
      body = await canned.render(item);
    } catch {
      /* fall back to the unrendered body; the agent sees the placeholders and can edit them */
    }
    setInserting(false);
    setText((current) => insertCanned(current, body));
    area.current?.focus();
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (picker.open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        picker.move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && picker.current) {
        e.preventDefault();
        void choose(picker.current);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        picker.dismiss();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !inserting) {
      e.preventDefault();
      send();
    }
  };

  const optionId = (i: number) => `${listId}-opt-${i}`;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {picker.open ? (
        <div className="canned-picker" data-testid="canned-picker">
          <ul role="listbox" id={listId} aria-label="Canned responses">
            {picker.items.map((c, i) => (
              <li
                key={c.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === picker.active}
                className={`canned-option${i === picker.active ? ' is-active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  void choose(c);
                }}
                onMouseEnter={() => picker.setActive(i)}
                data-testid="canned-option"
              >
                <span className="canned-head">
                  <code>/{c.shortcut}</code> <strong>{c.title}</strong>
                  {c.shared ? <span className="badge">shared</span> : null}
                </span>
                <span className="muted small canned-preview">{c.body}</span>
              </li>
            ))}
          </ul>
          {picker.items.length === 0 ? (
            <p className="muted small canned-empty">
              {picker.loading ? 'Searching…' : `No canned response starts with “/${picker.query}”.`}
            </p>
          ) : (
            <p className="muted small canned-help">↑ ↓ to choose · Enter inserts · Esc closes</p>
          )}
        </div>
      ) : null}
      <textarea
        ref={area}
        aria-label={label}
        placeholder={placeholder ?? (canned ? 'Write a reply… (Enter sends, Shift+Enter new line, / for canned responses)' : 'Write a reply… (Enter sends)')}
        rows={2}
        maxLength={8192}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={keyDown}
        data-testid={testId}
        role={canned ? 'combobox' : undefined}
        aria-autocomplete={canned ? 'list' : undefined}
        aria-expanded={canned ? picker.open && picker.items.length > 0 : undefined}
        aria-controls={canned && picker.open ? listId : undefined}
        aria-activedescendant={picker.open && picker.items.length ? optionId(picker.active) : undefined}
      />
      <button type="submit" className="btn btn-primary" disabled={!text.trim() || inserting}>
        Send
      </button>
    </form>
  );
}
