import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, actionAttempt, actionLabel } from './action-labels';

describe('action labels', () => {
  it('names known actions and reads unknown ones from their dotted name', () => {
    expect(actionLabel('cards.lock')).toBe('Card locked');
    expect(actionLabel('cards.set_available')).toBe('Cards: set available');
    expect(actionLabel('weird')).toBe('Weird');
  });

  it('completes "tried to …" for refused actions', () => {
    expect(actionAttempt('cards.lock')).toBe('lock a card');
    expect(actionAttempt('budget.four_eyes.approve')).toBe('use “Budget: four eyes approve”');
  });

  it('has a label for every entry and starts labels with a capital, phrases without', () => {
    for (const [name, { label, attempt }] of Object.entries(ACTION_LABELS)) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
      expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
      if (attempt) expect(attempt.charAt(0)).toBe(attempt.charAt(0).toLowerCase());
    }
  });
});
