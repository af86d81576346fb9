import { describe, expect, it } from 'vitest';
import { expiresAt, isUrgent, timeLeftText } from './expiry';

describe('change request expiry', () => {
  const asked = new Date('2026-03-01T10:00:00Z');

  it('is unknown without a configured lifetime', () => {
    expect(expiresAt(asked, null)).toBeNull();
    expect(timeLeftText(null, asked)).toBe('expiry unknown');
    expect(isUrgent(null, asked)).toBe(false);
  });

  it('counts down from the moment the cardholder asked', () => {
    const expires = expiresAt(asked, 72)!.toISOString();
    expect(expires).toBe('2026-03-04T10:00:00.000Z');
    expect(timeLeftText(expires, new Date('2026-03-01T10:00:00Z'))).toBe('expires in 3 d 0 h');
    expect(timeLeftText(expires, new Date('2026-03-03T14:30:00Z'))).toBe('expires in 19 h 30 min');
    expect(timeLeftText(expires, new Date('2026-03-04T09:59:30Z'))).toBe('expires in 1 min');
    expect(timeLeftText(expires, new Date('2026-03-04T10:00:00Z'))).toMatch(/^expired/);
  });

  it('marks the last twelve hours as urgent', () => {
    const expires = expiresAt(asked, 72)!.toISOString();
    expect(isUrgent(expires, new Date('2026-03-03T21:59:00Z'))).toBe(false);
    expect(isUrgent(expires, new Date('2026-03-03T22:01:00Z'))).toBe(true);
  });
});
