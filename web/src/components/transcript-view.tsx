import type { TimelineEntry, Transcript } from '../api/issue14-types';
import { formatClock } from './format';
import { LockIcon } from './lock-icon';
import { StatusDot } from './status-dot';
import { Stars } from './stars';
import { TagChip } from './tag-chip';

const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

function who(sender: string, name: string | null | undefined) {
  if (sender === 'customer') return name || 'Customer';
  if (sender === 'agent') return 'Agent';
  return 'System';
}

function Entry({ entry, customerName }: { entry: TimelineEntry; customerName: string }) {
  const time = <time dateTime={entry.at} className="muted small">{formatClock(entry.at)}</time>;
  switch (entry.kind) {
    case 'message': {
      const m = entry.message;
      return (
        <li className={`tl-entry tl-message tl-${m.sender_type}`} data-testid="transcript-message">
          <div className="tl-meta">
            <strong>{who(m.sender_type, customerName)}</strong> {time}
          </div>
          {m.body ? <div className="tl-body">{m.body}</div> : null}
          {m.attachment ? <div className="muted small">Attachment: {m.attachment.name}</div> : null}
        </li>
      );
    }
    case 'note':
    case 'whisper':
      return (
        <li className={`tl-entry tl-staff tl-${entry.kind}`} data-testid={`transcript-${entry.kind}`}>
          <div className="tl-meta">
            <span className="badge badge-staff">
              <LockIcon /> {entry.kind === 'note' ? 'Private note' : 'Whisper'} · staff only
            </span>{' '}
            <strong>{entry.note.author.name || `#${entry.note.author.id}`}</strong> {time}
          </div>
          <div className="tl-body">{entry.note.body}</div>
        </li>
      );
    case 'transfer': {
      const t = entry.transfer;
      return (
        <li className="tl-entry tl-event" data-testid="transcript-transfer">
          ⇄ Transfer {t.to_agent_id === null ? 'to the queue' : `to agent #${t.to_agent_id}`} ({t.status})
          {t.reason ? `: ${t.reason}` : ''} {time}
        </li>
      );
    }
    case 'system': {
      const text =
        entry.event === 'started'
          ? 'Conversation started'
          : entry.event === 'assigned'
            ? `Assigned to ${entry.agent?.name ?? 'an agent'}`
            : `Closed${entry.close_reason ? ` (${entry.close_reason})` : ''}${entry.disposition ? ` · ${entry.disposition.name}` : ''}`;
      return (
        <li className="tl-entry tl-event" data-testid="transcript-system">
          {text} {time}
        </li>
      );
    }
    case 'tag':
      return (
        <li className="tl-entry tl-event" data-testid="transcript-tag">
          Tag <TagChip tag={entry.tag} /> {entry.action}
          {entry.by ? ` by ${entry.by.name}` : ''} {time}
        </li>
      );
  }
}

/** A conversation's whole history for staff: messages, staff-only notes and whispers (marked), transfers, events. */
export function TranscriptView({ transcript }: { transcript: Transcript }) {
  const c = transcript.conversation;
  return (
    <div className="transcript" data-testid="transcript">
      <dl className="transcript-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusDot status={c.status} />
            {c.close_reason ? ` · ${c.close_reason}` : ''}
          </dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>
            {c.customer.name}
            {c.customer.email ? <span className="muted small"> {c.customer.email}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Agent</dt>
          <dd>{c.agent?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{dateTime(c.created_at)}</dd>
        </div>
        <div>
          <dt>Close reason</dt>
          <dd>{c.disposition?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Rating</dt>
          <dd>
            <Stars rating={transcript.rating?.rating ?? c.rating} />
            {transcript.rating?.comment ? <span className="muted small"> “{transcript.rating.comment}”</span> : null}
          </dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd className="tag-row">{c.tags.length ? c.tags.map((t) => <TagChip key={t.id} tag={t} />) : '—'}</dd>
        </div>
      </dl>
      {c.erased ? <p className="muted">This conversation was erased: its texts are gone.</p> : null}
      <ol className="timeline" aria-label="Timeline">
        {transcript.timeline.map((e, i) => (
          <Entry key={i} entry={e} customerName={c.customer.name} />
        ))}
      </ol>
    </div>
  );
}
