import type { ReactNode } from 'react';
import { useFlash } from './use-flash';

/** Renders children and briefly highlights them when `value` changes. */
export function FlashValue({ value, children, className }: { value: unknown; children?: ReactNode; className?: string }) {
  const flashing = useFlash(value);
  return (
    <span className={`flash-value${flashing ? ' is-flashing' : ''}${className ? ` ${className}` : ''}`}>
      {children ?? String(value)}
    </span>
  );
}
