import { useCallback, useEffect, useState } from 'react';
import type { CannedResponse } from '../../../api/types';

/** The "/word" being typed at the end of the text (after a space or at the start), without the slash. */
export function cannedQuery(text: string): string | null {
  const m = /(?:^|\s)\/([^\s/]*)$/.exec(text);
  return m ? m[1] : null;
}

/** The text with the trailing "/word" replaced by `body`. */
export function insertCanned(text: string, body: string): string {
  return text.replace(/(^|\s)\/[^\s/]*$/, (_all, lead: string) => `${lead}${body}`);
}

export type CannedSearch = (prefix: string) => Promise<CannedResponse[]>;

const DEBOUNCE_MS = 120;

/**
 * State of the "/" picker: open while the text ends in "/word", with the matching canned
 * responses (searched on the server, debounced) and the highlighted one. Escape dismisses it
 * until the word changes.
 */
export function useCannedPicker(text: string, search: CannedSearch | undefined) {
  const query = search ? cannedQuery(text) : null;
  const [result, setResult] = useState<{ query: string; items: CannedResponse[] } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    if (query === null || !search) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      search(query)
        .then((items) => {
          if (cancelled) return;
          setResult({ query, items });
          setActive(0);
        })
        .catch(() => !cancelled && setResult({ query, items: [] }));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, search]);

  const open = query !== null && dismissed !== text;
  const loading = open && (result === null || result.query !== query);
  // While a newer search runs, keep showing the older answer narrowed to the new prefix.
  const q = (query ?? '').toLowerCase();
  const items =
    open && result
      ? result.query === query
        ? result.items
        : result.items.filter((c) => c.shortcut.toLowerCase().startsWith(q) || c.title.toLowerCase().startsWith(q))
      : [];
  const index = items.length ? Math.min(active, items.length - 1) : 0;

  const move = useCallback(
    (delta: number) => {
      if (!items.length) return;
      setActive((i) => (Math.min(i, items.length - 1) + delta + items.length) % items.length);
    },
    [items.length],
  );
  const dismiss = useCallback(() => setDismissed(text), [text]);

  return { open, query, items, active: index, loading, setActive, move, dismiss, current: items[index] ?? null };
}
