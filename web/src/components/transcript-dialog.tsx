import { useQuery } from '@tanstack/react-query';
import { getTranscript, transcriptKey } from '../api/conversations';
import { Dialog } from './dialog';
import { Shimmer } from './panel';
import { TranscriptView } from './transcript-view';

/** An earlier conversation's transcript over the current page (the agent keeps their live chat open). */
export function TranscriptDialog({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const q = useQuery({ queryKey: transcriptKey(conversationId), queryFn: ({ signal }) => getTranscript(conversationId, signal) });
  return (
    <Dialog title={`Conversation #${conversationId}`} onClose={onClose} testId="transcript-dialog">
      <div className="dialog-scroll">
        {q.isPending ? <Shimmer lines={5} /> : null}
        {q.error ? (
          <p className="panel-error" role="alert">
            {q.error.message}
          </p>
        ) : null}
        {q.data ? <TranscriptView transcript={q.data} /> : null}
      </div>
      <div className="row-actions">
        <a className="btn btn-small" href={`/conversations/${conversationId}`} target="_blank" rel="noreferrer">
          Open full page
        </a>
      </div>
    </Dialog>
  );
}
