import type { SnippetSegment } from '../api/issue14-types';

/**
 * A search snippet: each segment is plain text (React escapes it), hits wrapped in <mark>. The server's text
 * is never treated as HTML, so a message containing markup shows as the characters the customer typed.
 */
export function Snippet({ segments, className }: { segments: SnippetSegment[]; className?: string }) {
  return (
    <span className={`snippet${className ? ` ${className}` : ''}`} data-testid="snippet">
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </span>
  );
}
