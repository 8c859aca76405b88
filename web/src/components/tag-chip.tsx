import type { ReactNode } from 'react';
import type { TagRef } from '../api/issue14-types';

/** A tag as a coloured chip; `children` adds a control (e.g. a remove button). */
export function TagChip({ tag, children }: { tag: Pick<TagRef, 'name' | 'color'>; children?: ReactNode }) {
  return (
    <span className="tag-chip" data-testid="tag-chip">
      <span className="tag-dot" style={{ background: /^#[0-9a-fA-F]{6}$/.test(tag.color) ? tag.color : '#94a3b8' }} aria-hidden="true" />
      {tag.name}
      {children}
    </span>
  );
}
