import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, formatRelative, secondsSince } from './format';

describe('format', () => {
  it('formats durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(75)).toBe('1m 15s');
    expect(formatDuration(3720)).toBe('1h 2m');
  });
  it('formats percentages with a sign', () => {
    expect(formatPercent(12.345, true)).toBe('+12.3%');
    expect(formatPercent(-4, true)).toBe('−4.0%');
    expect(formatPercent(null)).toBe('—');
  });
  it('measures time since', () => {
    const now = Date.parse('2026-11-24T20:15:03.123Z');
    expect(secondsSince('2026-11-24T20:14:03.123Z', now)).toBe(60);
    expect(formatRelative('2026-11-24T20:05:03.123Z', now)).toBe('10 min ago');
    expect(formatRelative(null, now)).toBe('—');
  });
});
