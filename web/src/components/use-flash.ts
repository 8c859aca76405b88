import { useEffect, useRef, useState } from 'react';

/** True for a moment after `value` changes (not on first render): drives the "changed" highlight. */
export function useFlash(value: unknown, ms = 1200): boolean {
  const previous = useRef(value);
  const [flashing, setFlashing] = useState(false);
  useEffect(() => {
    if (Object.is(previous.current, value)) return;
    previous.current = value;
    setFlashing(true);
    const t = setTimeout(() => setFlashing(false), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return flashing;
}
