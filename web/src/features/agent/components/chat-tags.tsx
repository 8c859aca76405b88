import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteConversationTag, getTags, getTranscript, putConversationTag, transcriptKey } from '../../../api/conversations';
import type { TagRef } from '../../../api/issue14-types';
import { TagChip } from '../../../components/tag-chip';
import { useRealtimeData } from '../../../services/use-realtime';
import type { ConnectionManager } from '../../../services/websocket';
import { describeError } from '../hooks/use-agent-console';

/** The tags of the chat in front: chips with a remove button, and a picker of the active tags to add one. */
export function ChatTags({ sessionId, manager }: { sessionId: number; manager: ConnectionManager }) {
  const client = useQueryClient();
  const conversation = useQuery({ queryKey: transcriptKey(sessionId), queryFn: ({ signal }) => getTranscript(sessionId, signal), retry: false });
  const all = useQuery({ queryKey: ['tags', 'active'], queryFn: () => getTags(false) });
  const [pick, setPick] = useState('');
  const [local, setLocal] = useState<TagRef[] | null>(null);
  const tags = local ?? conversation.data?.conversation.tags ?? [];
  const done = (res: { tags: TagRef[] }) => {
    setLocal(res.tags);
    void client.invalidateQueries({ queryKey: transcriptKey(sessionId) });
    void client.invalidateQueries({ queryKey: ['conversations'] });
  };
  // Someone else (a supervisor, another tab) tags this chat: the agent socket's tag_update frame.
  useRealtimeData<{ session_id: number; tag: TagRef; action: 'added' | 'removed' }>(
    'tag_update',
    (d) => {
      if (d.session_id !== sessionId) return;
      setLocal((prev) => {
        const others = (prev ?? conversation.data?.conversation.tags ?? []).filter((t) => t.id !== d.tag.id);
        return d.action === 'added' ? [...others, d.tag] : others;
      });
    },
    manager,
  );
  const add = useMutation({ mutationFn: (tagId: number) => putConversationTag(sessionId, tagId), onSuccess: (res) => { setPick(''); done(res); } });
  const remove = useMutation({ mutationFn: (tagId: number) => deleteConversationTag(sessionId, tagId), onSuccess: done });
  const error = add.error ?? remove.error;
  // A server without tags (or a chat it cannot describe) shows no tag bar at all.
  if (all.error && conversation.error) return null;
  const available = (all.data?.tags ?? []).filter((t) => !t.archived && !tags.some((x) => x.id === t.id));
  return (
    <div className="chat-tags" data-testid="chat-tags">
      <span className="filter-label">Tags</span>
      {tags.map((t) => (
        <TagChip key={t.id} tag={t}>
          <button
            type="button"
            className="tag-remove"
            aria-label={`Remove tag ${t.name}`}
            disabled={remove.isPending}
            onClick={() => remove.mutate(t.id)}
          >
            ×
          </button>
        </TagChip>
      ))}
      {available.length ? (
        <form
          className="row-actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (pick) add.mutate(Number(pick));
          }}
        >
          <label className="visually-hidden" htmlFor={`tag-pick-${sessionId}`}>
            Tag to add
          </label>
          <select id={`tag-pick-${sessionId}`} value={pick} onChange={(e) => setPick(e.target.value)} data-testid="tag-picker">
            <option value="">Add a tag…</option>
            {available.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-small" disabled={!pick || add.isPending}>
            Add
          </button>
        </form>
      ) : tags.length === 0 ? (
        <span className="muted small">No tags configured.</span>
      ) : null}
      {error ? (
        <span className="form-error small" role="alert">
          {describeError(error)}
        </span>
      ) : null}
    </div>
  );
}
