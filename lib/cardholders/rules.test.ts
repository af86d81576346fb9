import { describe, expect, it } from 'vitest';
import { deleteRefusal, displayName, displayPhone, isActiveCardStatus } from './rules';

describe('cardholder rules', () => {
  it('treats live and pending cards as active', () => {
    for (const status of ['DELIVERED', 'ACCEPTED', 'PREPARED', 'CREATED']) expect(isActiveCardStatus(status)).toBe(true);
    for (const status of ['FINISHED', 'CANCELED', 'EXPIRED', 'REJECTED', 'REAPPROVED', 'UNKNOWN', null]) expect(isActiveCardStatus(status)).toBe(false);
  });

  it('refuses deletion with a reason naming the active cards', () => {
    expect(deleteRefusal([{ status: 'FINISHED', description: 'Old' }])).toBeNull();
    expect(deleteRefusal([])).toBeNull();
    expect(deleteRefusal([{ status: 'DELIVERED', description: 'Travel' }, { status: 'CANCELED', description: 'x' }])).toBe(
      'This cardholder has 1 active card: Travel (DELIVERED). Cancel or unassign it first.',
    );
    expect(deleteRefusal([{ status: 'ACCEPTED', description: null }, { status: 'PREPARED', description: 'B' }])).toBe(
      'This cardholder has 2 active cards: card (ACCEPTED), B (PREPARED). Cancel or unassign them first.',
    );
  });

  it('shows names and phones', () => {
    expect(displayName({ firstName: 'Ewa', lastName: null, email: 'e@x.pl' })).toBe('Ewa');
    expect(displayName({ firstName: null, lastName: null, email: 'e@x.pl' })).toBe('e@x.pl');
    expect(displayPhone({ phonePrefix: '48', phoneNumber: '600100200' })).toBe('+48 600100200');
    expect(displayPhone({ phonePrefix: '', phoneNumber: '48600100200' })).toBe('+48600100200');
  });
});
