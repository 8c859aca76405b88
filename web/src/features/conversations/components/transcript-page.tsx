import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { getTranscript, transcriptKey } from '../../../api/conversations';
import type { User } from '../../../api/types';
import { AppHeader } from '../../../components/app-header';
import { Shimmer } from '../../../components/panel';
import { TranscriptView } from '../../../components/transcript-view';

/** /conversations/:id: one conversation's transcript, with a link to its contact. */
export function TranscriptPage({ user, onLogout }: { user: User; onLogout: () => void }) {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: transcriptKey(id), queryFn: ({ signal }) => getTranscript(id, signal), enabled: Number.isInteger(id) && id > 0 });
  const c = q.data?.conversation;
  return (
    <div className="page conversations-page">
      <AppHeader title={`Conversation #${id}`} userName={user.name || user.username} onLogout={onLogout} role={user.role} />
      <main className="transcript-layout">
        <p>
          <Link to="/conversations">← All conversations</Link>
          {c ? (
            <>
              {' · '}
              <Link to={`/contacts/${c.customer.id}`}>Contact: {c.customer.name}</Link>
            </>
          ) : null}
        </p>
        <h1>{c ? c.subject || `Conversation with ${c.customer.name}` : `Conversation #${id}`}</h1>
        {q.error ? (
          <p className="panel-error" role="alert">
            {q.error.message}
          </p>
        ) : null}
        {q.isPending ? <Shimmer lines={6} /> : null}
        {q.data ? <TranscriptView transcript={q.data} /> : null}
      </main>
    </div>
  );
}
