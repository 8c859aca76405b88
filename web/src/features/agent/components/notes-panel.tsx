import { useState, type KeyboardEvent } from 'react';
import type { Note } from '../../../api/types';
import { formatClock } from '../../../components/format';
import { EmptyState, Panel } from '../../../components/panel';
import { describeError } from '../hooks/use-agent-console';

interface Props {
  notes: Note[];
  me: number;
  onAdd: (body: string) => Promise<void>;
  onEdit: (noteId: number, body: string) => Promise<void>;
  onDelete: (note: Note) => Promise<void>;
}

/** Private notes of one chat: staff only, never sent to the customer. Authors edit and delete their own. */
export function NotesPanel({ notes, me, onAdd, onEdit, onDelete }: Props) {
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: number; body: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(describeError(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async () => {
    const body = draft.trim();
    if (body && (await run(() => onAdd(body)))) setDraft('');
  };
  const save = async () => {
    if (!editing) return;
    const body = editing.body.trim();
    if (body && (await run(() => onEdit(editing.id, body)))) setEditing(null);
  };
  const editKeys = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(null);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <Panel title={`Private notes (${notes.length})`} id="chat-notes" className="notes-panel">
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {notes.length === 0 ? (
        <EmptyState title="No notes yet">Notes stay with the chat and are never shown to the customer.</EmptyState>
      ) : (
        <ul className="note-list">
          {notes.map((n) => (
            <li key={n.id} className="note" data-testid="note">
              <div className="note-meta muted small">
                <strong>{n.author.name || `#${n.author.id}`}</strong> · {formatClock(n.created_at)}
                {n.updated_at !== n.created_at ? ' · edited' : ''}
              </div>
              {editing?.id === n.id ? (
                <div className="note-edit">
                  <textarea
                    aria-label="Edit note"
                    rows={3}
                    maxLength={8192}
                    value={editing.body}
                    autoFocus
                    onChange={(e) => setEditing({ id: n.id, body: e.target.value })}
                    onKeyDown={editKeys}
                  />
                  <div className="row-actions">
                    <button type="button" className="btn btn-small btn-primary" disabled={busy || !editing.body.trim()} onClick={() => void save()}>
                      Save
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <>
                  <div className="note-body">{n.body}</div>
                  {n.author.id === me ? (
                    <div className="row-actions">
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing({ id: n.id, body: n.body })}>
                        Edit
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small btn-danger"
                        disabled={busy}
                        onClick={() => void run(() => onDelete(n))}
                      >
                        Delete
                      </button>
                    </div>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="note-add"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label>
          <span className="visually-hidden">New note</span>
          <textarea
            rows={2}
            maxLength={8192}
            placeholder="Add a private note… (Ctrl+Enter saves)"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void add();
              }
            }}
            data-testid="note-input"
          />
        </label>
        <button type="submit" className="btn btn-small" disabled={busy || !draft.trim()}>
          Add note
        </button>
      </form>
    </Panel>
  );
}
