import { cleanup, render, screen } from '@testing-library/react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageList } from './components/message-list';

afterEach(cleanup);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const files = sources(join(process.cwd(), 'src'));

describe('safety', () => {
  it('renders message bodies as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold</b>';
    const { container } = render(
      <MessageList self="agent" messages={[{ key: '1', seq: 1, sender_type: 'customer', body: evil, created_at: '2026-11-24T20:00:00.000Z', status: 'sent' }]} />,
    );
    expect(screen.getByText(evil)).toBeTruthy();
    expect(container.querySelector('img, script, b')).toBeNull();
  });

  it('never uses dangerouslySetInnerHTML or innerHTML in the app', () => {
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('never puts a token in a URL (tokens travel in the Authorization header or the auth frame)', () => {
    const offenders = files.filter((f) => /[?&](access_)?token=|customer_token=/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
