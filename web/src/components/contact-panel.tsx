import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { contactKey, getContact } from '../api/contacts';
import type { Contact } from '../api/issue14-types';
import { ContactNotes } from './contact-notes';
import { formatRelative } from './format';
import { Shimmer } from './panel';
import { Stars } from './stars';
import { StatusDot } from './status-dot';
import { TranscriptDialog } from './transcript-dialog';

export function ContactIdentity({ contact }: { contact: Contact }) {
  const attributes = Object.entries(contact.attributes ?? {});
  return (
    <div className="contact-identity">
      <p className="contact-name">
        <strong data-testid="contact-name">{contact.name || 'Unnamed visitor'}</strong>{' '}
        {contact.identity_verified ? (
          <span className="badge badge-verified" title="Signed in on the customer's site (identity verified)">
            ✓ Verified
          </span>
        ) : contact.external_id ? (
          <span className="badge" title="The site named this user, but without a valid signature">
            Unverified identity
          </span>
        ) : null}
        {contact.anonymous ? <span className="badge">Anonymous</span> : null}
        {contact.erased ? <span className="badge badge-critical">Erased</span> : null}
      </p>
      <p className="muted small">
        {contact.email ?? 'No email yet'}
        {contact.external_id ? ` · user ${contact.external_id}` : ''}
      </p>
      <p className="muted small">
        {contact.chat_count} chat{contact.chat_count === 1 ? '' : 's'} · first seen {formatRelative(contact.first_seen_at)}
        {contact.average_rating !== null ? (
          <>
            {' '}
            · average <Stars rating={Math.round(contact.average_rating)} />
          </>
        ) : null}
      </p>
      {attributes.length ? (
        <dl className="contact-attributes">
          {attributes.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

interface Props {
  contactId: number;
  /** The logged-in staff user (their own notes can be deleted). */
  me: number | null;
  /** The conversation on screen, left out of "earlier conversations". */
  currentConversationId?: number;
}

/**
 * Who the customer is: identity, attributes, their earlier conversations (a click opens the transcript over the
 * page) and notes about them. Beside the live chat in the agent console and in the dashboard's drawer.
 */
export function ContactPanel({ contactId, me, currentConversationId }: Props) {
  const q = useQuery({ queryKey: contactKey(contactId), queryFn: ({ signal }) => getContact(contactId, signal) });
  const [open, setOpen] = useState<number | null>(null);
  const earlier = (q.data?.conversations ?? []).filter((c) => c.id !== currentConversationId);
  return (
    <section className="panel contact-panel" aria-labelledby={`contact-panel-${contactId}`} data-testid="contact-panel">
      <header className="panel-header">
        <h2 id={`contact-panel-${contactId}`}>Contact</h2>
        <div className="panel-actions">
          <a className="btn btn-ghost btn-small" href={`/contacts/${contactId}`} target="_blank" rel="noreferrer">
            Open contact
          </a>
        </div>
      </header>
      <div className="panel-body">
        {q.isPending ? <Shimmer lines={3} /> : null}
        {q.error ? (
          <p className="panel-error" role="alert">
            {q.error.message}
          </p>
        ) : null}
        {q.data ? (
          <>
            <ContactIdentity contact={q.data.contact} />
            <h3 className="panel-subtitle">Earlier conversations ({earlier.length})</h3>
            {earlier.length ? (
              <ul className="contact-conversations">
                {earlier.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="link-button" onClick={() => setOpen(c.id)} data-testid="earlier-conversation">
                      #{c.id} {c.subject || '(no subject)'}
                    </button>
                    <span className="muted small">
                      {' '}
                      <StatusDot status={c.status} /> · {formatRelative(c.created_at)}
                      {c.agent ? ` · ${c.agent.name}` : ''}
                      {c.rating ? ` · ${c.rating}★` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">This is their first conversation.</p>
            )}
            <h3 className="panel-subtitle">Notes about this contact</h3>
            <ContactNotes contactId={contactId} notes={q.data.notes} me={me} />
          </>
        ) : null}
      </div>
      {open !== null ? <TranscriptDialog conversationId={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
