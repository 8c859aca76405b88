import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { contactKey, getContact } from '../../../api/contacts';
import { listConversations } from '../../../api/conversations';
import type { User } from '../../../api/types';
import { AppHeader } from '../../../components/app-header';
import { ContactIdentity } from '../../../components/contact-panel';
import { ContactNotes } from '../../../components/contact-notes';
import { formatRelative } from '../../../components/format';
import { Shimmer } from '../../../components/panel';
import { Stars } from '../../../components/stars';
import { StatusDot } from '../../../components/status-dot';
import { ContactEditForm } from './contact-edit-form';
import { MergeDialog } from './merge-dialog';

/** /contacts/:id: a person, editable; their notes, every conversation, and merging a duplicate in. */
export function ContactPage({ user, onLogout }: { user: User; onLogout: () => void }) {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useQuery({ queryKey: contactKey(id), queryFn: ({ signal }) => getContact(id, signal), enabled: valid });
  const conversations = useInfiniteQuery({
    queryKey: ['conversations', `customer_id=${id}`],
    queryFn: ({ pageParam, signal }) => listConversations(`customer_id=${id}`, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: valid,
  });
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const contact = q.data?.contact;
  const notes = q.data?.notes ?? [];
  const list = conversations.data?.pages.flatMap((p) => p.conversations) ?? [];
  return (
    <div className="page contact-page">
      <AppHeader title="Contact" userName={user.name || user.username} role={user.role} onLogout={onLogout} />
      <main className="contact-layout">
        {q.isPending ? <Shimmer lines={5} /> : null}
        {q.error ? (
          <p className="panel-error" role="alert">
            {q.error.message}
          </p>
        ) : null}
        {contact ? (
          <>
            <section className="panel" aria-labelledby="contact-title">
              <header className="panel-header">
                <h1 id="contact-title">{contact.name || 'Unnamed visitor'}</h1>
                <div className="panel-actions">
                  {!editing && !contact.erased ? (
                    <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
                      Edit
                    </button>
                  ) : null}
                  {contact.merged_into === null && !contact.erased ? (
                    <button type="button" className="btn btn-small" onClick={() => setMerging(true)}>
                      Merge…
                    </button>
                  ) : null}
                </div>
              </header>
              <div className="panel-body">
                {contact.merged_into !== null ? (
                  <p className="notice">
                    Merged into <Link to={`/contacts/${contact.merged_into}`}>contact #{contact.merged_into}</Link>.
                  </p>
                ) : null}
                {editing ? <ContactEditForm key={contact.id} contact={contact} onDone={() => setEditing(false)} /> : <ContactIdentity contact={contact} />}
              </div>
            </section>
            <section className="panel" aria-labelledby="contact-notes-title">
              <header className="panel-header">
                <h2 id="contact-notes-title">Notes ({notes.length})</h2>
              </header>
              <div className="panel-body">
                <ContactNotes contactId={contact.id} notes={notes} me={user.id} />
              </div>
            </section>
            <section className="panel" aria-labelledby="contact-conv-title">
              <header className="panel-header">
                <h2 id="contact-conv-title">Conversations</h2>
              </header>
              <div className="panel-body">
                {conversations.isPending ? <Shimmer lines={3} /> : null}
                {conversations.error ? <p className="panel-error">{conversations.error.message}</p> : null}
                <ul className="result-list">
                  {list.map((c) => (
                    <li key={c.id} className="result">
                      <Link to={`/conversations/${c.id}`}>
                        #{c.id} {c.subject || '(no subject)'}
                      </Link>{' '}
                      <span className="muted small">
                        <StatusDot status={c.status} /> · {formatRelative(c.created_at)}
                        {c.agent ? ` · ${c.agent.name}` : ''}
                      </span>{' '}
                      {c.rating ? <Stars rating={c.rating} /> : null}
                    </li>
                  ))}
                </ul>
                {!conversations.isPending && list.length === 0 ? <p className="muted">No conversations.</p> : null}
                {conversations.hasNextPage ? (
                  <button type="button" className="btn" onClick={() => void conversations.fetchNextPage()} disabled={conversations.isFetchingNextPage}>
                    Load more
                  </button>
                ) : null}
              </div>
            </section>
            {merging ? <MergeDialog contact={contact} onClose={() => setMerging(false)} /> : null}
          </>
        ) : null}
      </main>
    </div>
  );
}
