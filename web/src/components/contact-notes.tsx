import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { contactKey, deleteContactNote, postContactNote } from '../api/contacts';
import type { ContactNote } from '../api/issue14-types';
import { ApiError } from '../services/http-client';
import { formatRelative } from './format';

const errorText = (err: unknown) => (err instanceof ApiError && err.code === 'not_author' ? 'Only its author can change that note.' : err instanceof Error ? err.message : String(err));

/** Notes about a person (not one chat): every staff member reads them; authors delete their own. */
export function ContactNotes({ contactId, notes, me }: { contactId: number; notes: ContactNote[]; me: number | null }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: contactKey(contactId) });
  const add = useMutation({
    mutationFn: (body: string) => postContactNote(contactId, body),
    onSuccess: () => {
      setDraft('');
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: (noteId: number) => deleteContactNote(contactId, noteId), onSuccess: () => void refresh() });
  const error = add.error ?? remove.error;
  const submit = () => {
    const body = draft.trim();
    if (body && !add.isPending) add.mutate(body);
  };
  return (
    <div className="contact-notes">
      {notes.length ? (
        <ul className="note-list">
          {notes.map((n) => (
            <li key={n.id} className="note" data-testid="contact-note">
              <div className="note-meta muted small">
                <strong>{n.author.name || `#${n.author.id}`}</strong> · {formatRelative(n.created_at)}
                {me === n.author.id ? (
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => remove.mutate(n.id)}
                    disabled={remove.isPending}
                    aria-label={`Delete note from ${formatRelative(n.created_at)}`}
                  >
                    Delete
                  </button>
                ) : null}
              </div>
              <div className="note-body">{n.body}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No notes about this contact yet.</p>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      <form
        className="note-add"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="visually-hidden" htmlFor={`contact-note-${contactId}`}>
          Note about this contact
        </label>
        <textarea
          id={`contact-note-${contactId}`}
          rows={2}
          maxLength={8192}
          placeholder="Note about this contact (staff only)…"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
          data-testid="contact-note-input"
        />
        <button type="submit" className="btn btn-small" disabled={!draft.trim() || add.isPending}>
          Add note
        </button>
      </form>
    </div>
  );
}
