import { describe, expect, it } from 'vitest';
import { failureTone } from './alert';

describe('failureTone', () => {
  it('shows a write still being confirmed as a warning and every other failure as an error', () => {
    expect(failureTone({ code: 'OUTCOME_PENDING' })).toBe('warning');
    expect(failureTone({ code: 'INVALID_STATE' })).toBe('error');
    expect(failureTone({ code: 'UPSTREAM_UNAVAILABLE' })).toBe('error');
    expect(failureTone(null)).toBe('error');
  });
});
