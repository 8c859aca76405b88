import type { Note } from '../../../api/types';
import { formatClock } from '../../../components/format';
import { LockIcon } from '../../../components/lock-icon';

/**
 * Supervisor whispers for the open chat: drawn apart from the transcript, in their own colour,
 * and never sent to the customer.
 */
export function WhisperPanel({ whispers }: { whispers: Note[] }) {
  if (whispers.length === 0) return null;
  return (
    <section className="whisper-panel" aria-labelledby="whispers-title" aria-live="polite" data-testid="whispers">
      <h2 id="whispers-title">
        <LockIcon /> Supervisor whispers <span className="muted small">only you see these</span>
      </h2>
      <ul>
        {whispers.map((w) => (
          <li key={w.id} className="whisper" data-testid="whisper">
            <span className="whisper-meta">
              {w.author.name || 'Supervisor'} · {formatClock(w.created_at)}
            </span>
            <span className="whisper-body">{w.body}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
