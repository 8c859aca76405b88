import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { contactKey, patchContact, type ContactChange } from '../../../api/contacts';
import type { AttributeValue, Contact } from '../../../api/issue14-types';
import { ApiError } from '../../../services/http-client';

interface Row {
  key: string;
  value: string;
}

const text = (v: AttributeValue) => String(v);

/**
 * The PATCH for an edit: changed name/email, and the attributes as a merge (changed keys with their new text,
 * removed keys as null). Values typed as text stay text: the form does not guess numbers or booleans.
 */
export function contactChange(contact: Contact, name: string, email: string, rows: Row[]): ContactChange {
  const change: ContactChange = {};
  if (name.trim() !== contact.name) change.name = name.trim();
  if (email.trim() !== (contact.email ?? '') && email.trim() !== '') change.email = email.trim();
  const attributes: Record<string, AttributeValue | null> = {};
  const kept = new Set<string>();
  for (const r of rows) {
    const k = r.key.trim();
    if (!k) continue;
    kept.add(k);
    const before = contact.attributes[k];
    if (before === undefined || text(before) !== r.value) attributes[k] = r.value;
  }
  for (const k of Object.keys(contact.attributes)) if (!kept.has(k)) attributes[k] = null;
  if (Object.keys(attributes).length) change.attributes = attributes;
  return change;
}

/** Edits a contact's name, email and attributes. */
export function ContactEditForm({ contact, onDone }: { contact: Contact; onDone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(contact.name);
  const [email, setEmail] = useState(contact.email ?? '');
  const [rows, setRows] = useState<Row[]>(() => Object.entries(contact.attributes).map(([key, v]) => ({ key, value: text(v) })));
  const save = useMutation({
    mutationFn: (change: ContactChange) => patchContact(contact.id, change),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: contactKey(contact.id) });
      onDone();
    },
  });
  const error = save.error
    ? save.error instanceof ApiError && save.error.code === 'email_taken'
      ? 'Another contact has that email: merge the two instead.'
      : save.error.message
    : null;
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      className="contact-edit"
      onSubmit={(e) => {
        e.preventDefault();
        const change = contactChange(contact, name, email, rows);
        if (Object.keys(change).length === 0) onDone();
        else save.mutate(change);
      }}
    >
      <label>
        Name
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Email
        <input type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <fieldset>
        <legend>Attributes</legend>
        {rows.map((r, i) => (
          <div className="attr-row" key={i}>
            <input aria-label={`Attribute ${i + 1} name`} value={r.key} maxLength={64} onChange={(e) => setRow(i, { key: e.target.value })} />
            <input aria-label={`Attribute ${i + 1} value`} value={r.value} maxLength={1024} onChange={(e) => setRow(i, { value: e.target.value })} />
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={`Remove attribute ${r.key || i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => setRows([...rows, { key: '', value: '' }])} disabled={rows.length >= 50}>
          Add attribute
        </button>
      </fieldset>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
