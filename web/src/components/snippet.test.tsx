import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Snippet } from './snippet';

afterEach(cleanup);

describe('Snippet', () => {
  it('marks the hits and renders every segment as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    const { container } = render(
      <Snippet
        segments={[
          { text: 'before ', hit: false },
          { text: 'zipper', hit: true },
          { text: ` after ${evil}`, hit: false },
          { text: '<script>x()</script>', hit: true },
        ]}
      />,
    );
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['zipper', '<script>x()</script>']);
    expect(container.querySelector('img, b, script')).toBeNull();
    expect(container.textContent).toBe(`before zipper after ${evil}<script>x()</script>`);
  });
});
