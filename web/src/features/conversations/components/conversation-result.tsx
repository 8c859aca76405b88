import { Link } from 'react-router';
import type { Conversation } from '../../../api/issue14-types';
import { formatRelative } from '../../../components/format';
import { Snippet } from '../../../components/snippet';
import { Stars } from '../../../components/stars';
import { StatusDot } from '../../../components/status-dot';
import { TagChip } from '../../../components/tag-chip';

const where: Record<string, string> = { messages: 'in messages', notes: 'in staff notes', subject: 'in the subject', customer: 'in the customer' };

/** One search result: who, when, status, tags, and the matching snippet with its hits marked. */
export function ConversationResult({ c }: { c: Conversation }) {
  return (
    <li className="result" data-testid="conversation-result">
      <div className="result-head">
        <Link to={`/conversations/${c.id}`} className="result-title">
          {c.customer.name} — {c.subject || '(no subject)'}
        </Link>
        <span className="muted small">
          #{c.id} · {formatRelative(c.created_at)}
        </span>
      </div>
      <div className="result-facts muted small">
        <StatusDot status={c.status} />
        {c.close_reason ? ` · ${c.close_reason}` : ''}
        {c.agent ? ` · ${c.agent.name}` : ' · no agent'}
        {` · ${c.message_count} message${c.message_count === 1 ? '' : 's'}`}
        {c.disposition ? ` · ${c.disposition.name}` : ''}
        {c.rating ? (
          <>
            {' · '}
            <Stars rating={c.rating} />
          </>
        ) : null}
      </div>
      {c.tags.length ? (
        <div className="tag-row">
          {c.tags.map((t) => (
            <TagChip key={t.id} tag={t} />
          ))}
        </div>
      ) : null}
      {c.snippet?.length ? (
        <p className="result-snippet">
          <Snippet segments={c.snippet} />
          {c.matched_in ? <span className="muted small"> ({where[c.matched_in] ?? c.matched_in})</span> : null}
        </p>
      ) : null}
    </li>
  );
}
