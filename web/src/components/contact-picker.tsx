import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { searchContacts } from '../api/contacts';
import type { Contact } from '../api/issue14-types';

interface Props {
  label: string;
  /** Contacts that cannot be picked (e.g. the contact itself when merging). */
  exclude?: number[];
  onPick: (contact: Contact) => void;
}

/** Finds a contact by name, email (prefix) or external id, and picks one from a list of buttons. */
export function ContactPicker({ label, exclude = [], onPick }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const q = text.trim();
  const res = useQuery({
    queryKey: ['contacts', 'search', q],
    queryFn: ({ signal }) => searchContacts(q, 8, signal),
    enabled: q.length >= 2,
  });
  const found = (res.data?.contacts ?? []).filter((c) => !exclude.includes(c.id));
  return (
    <div className="contact-picker">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={text} placeholder="Name, email or user id" onChange={(e) => setText(e.target.value)} autoComplete="off" />
      {q.length >= 2 ? (
        res.isFetching && !res.data ? (
          <p className="muted small">Searching…</p>
        ) : found.length ? (
          <ul className="picker-results">
            {found.map((c) => (
              <li key={c.id}>
                <button type="button" className="link-button" onClick={() => onPick(c)} data-testid="picked-contact">
                  {c.name || 'Unnamed visitor'}
                </button>{' '}
                <span className="muted small">
                  {c.email ?? 'no email'} · #{c.id}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No contact matches.</p>
        )
      ) : null}
    </div>
  );
}
