import { useSyncExternalStore } from 'react';

const query = '(prefers-reduced-motion: reduce)';

function subscribe(cb: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const mq = window.matchMedia(query);
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

/** Whether the user asked for reduced motion (charts then skip their animations). */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () =>
    typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(query).matches,
  );
}
