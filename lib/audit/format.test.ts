import { describe, expect, it } from 'vitest';
import { absoluteTime, relativeTime } from './format';

describe('audit times', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('says how long ago in the largest whole unit', () => {
    expect(relativeTime(ago(3), now)).toBe('just now');
    expect(relativeTime(ago(45), now)).toBe('45 seconds ago');
    expect(relativeTime(ago(5 * 60), now)).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600 + 59), now)).toBe('3 hours ago');
    expect(relativeTime(ago(26 * 3600), now)).toBe('yesterday');
    expect(relativeTime(ago(65 * 86400), now)).toBe('2 months ago');
    expect(relativeTime(ago(800 * 86400), now)).toBe('2 years ago');
    expect(relativeTime(new Date(now.getTime() + 120_000), now)).toBe('in 2 minutes');
  });

  it('prints the absolute time in the given zone', () => {
    expect(absoluteTime(now, 'Europe/Warsaw')).toBe('21 Nov 2026, 13:00:00');
    expect(absoluteTime(now, 'UTC')).toBe('21 Nov 2026, 12:00:00');
  });
});
