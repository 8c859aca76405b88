import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CannedResponse } from '../../../api/types';
import { cannedQuery, insertCanned } from '../hooks/use-canned-picker';
import { Composer, type CannedSource } from './composer';

const canned = (id: number, shortcut: string, title: string, body: string): CannedResponse => ({
  id,
  shared: id === 1,
  owner_user_id: id === 1 ? null : 7,
  shortcut,
  title,
  body,
  updated_at: '2026-11-24T20:00:00.000Z',
});
const all = [
  canned(1, 'greet', 'Greeting', 'Hi {{customer.name}}!'),
  canned(2, 'gone', 'Going offline', 'I am handing you over.'),
  canned(3, 'refund', 'Refund policy', 'Refunds take 5 days.'),
];

function setup() {
  const source: CannedSource = {
    search: vi.fn(async (q: string) => all.filter((c) => c.shortcut.startsWith(q))),
    render: vi.fn(async (c: CannedResponse) => c.body.replace('{{customer.name}}', 'Maya')),
  };
  const onSend = vi.fn();
  render(<Composer onSend={onSend} canned={source} />);
  const box = screen.getByTestId('composer') as HTMLTextAreaElement;
  return { source, onSend, box };
}
const selected = () => screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')?.textContent;

afterEach(cleanup);

describe('the "/" canned-response picker', () => {
  it('finds the "/word" being typed', () => {
    expect(cannedQuery('/gr')).toBe('gr');
    expect(cannedQuery('Hello /')).toBe('');
    expect(cannedQuery('a/b')).toBeNull();
    expect(cannedQuery('/gr more')).toBeNull();
    expect(insertCanned('Sure! /gre', 'Hi Maya!')).toBe('Sure! Hi Maya!');
  });

  it('searches as you type and moves with the arrows (wrapping)', async () => {
    const { box, source } = setup();
    fireEvent.change(box, { target: { value: '/g' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    expect(source.search).toHaveBeenLastCalledWith('g');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(selected()).toContain('Greeting');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(selected()).toContain('Going offline');
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1].id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(selected()).toContain('Greeting');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(selected()).toContain('Going offline');
  });

  it('Enter inserts the rendered body instead of sending; the next Enter sends', async () => {
    const { box, source, onSend } = setup();
    fireEvent.change(box, { target: { value: 'Hello! /gr' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter' });
    });
    expect(source.render).toHaveBeenCalledWith(all[0]);
    await waitFor(() => expect(box.value).toBe('Hello! Hi Maya!'));
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Hello! Hi Maya!');
  });

  it('Escape closes the picker and leaves the text alone', async () => {
    const { box, onSend } = setup();
    fireEvent.change(box, { target: { value: '/re' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByTestId('canned-picker')).toBeNull();
    expect(box.value).toBe('/re');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('/re');
  });

  it('says so when nothing matches', async () => {
    const { box } = setup();
    fireEvent.change(box, { target: { value: '/zzz' } });
    await screen.findByText('No canned response starts with “/zzz”.');
  });
});
