import { describe, expect, it } from 'vitest';
import { declineFixState, type DeclineGroupLike } from './decline-status';

const CARD = '6b1f5f7e-3c1a-4b8e-9d2f-0a1b2c3d4e5f';
const live = { status: 'DELIVERED', cardStatus: 'ACTIVE', lastActivityAt: '2026-11-20T10:00:00.000Z' };
const group = (over: Partial<DeclineGroupLike>): DeclineGroupLike => ({ reason: 'ATM_LIMIT', cardId: CARD, lastAt: '2026-11-21T10:00:00.000Z', card: live, ...over });

describe('decline inbox fix state', () => {
  it('offers the fix link of the reasons table on a live card', () => {
    expect(declineFixState(group({}), true)).toEqual({ kind: 'fix', href: `/cards/${CARD}?fix=limits&limit=atm`, label: 'Edit the ATM limit' });
    expect(declineFixState(group({ reason: 'INSUFFICIENT_BUDGET' }), true)).toMatchObject({ kind: 'fix', href: `/cards/${CARD}?fix=topup` });
  });

  it('says when the card changed after the last decline', () => {
    expect(declineFixState(group({ card: { ...live, lastActivityAt: '2026-11-21T11:00:00.000Z' } }), true)).toMatchObject({ label: 'Edit the ATM limit (card changed since)' });
  });

  it('marks a lock decline resolved once the card is unlocked', () => {
    expect(declineFixState(group({ reason: 'CARD_LOCKED' }), true)).toEqual({ kind: 'resolved', note: 'The card has been unlocked since.' });
    expect(declineFixState(group({ reason: 'CARD_LOCKED', card: { ...live, cardStatus: 'LOCKED' } }), true)).toMatchObject({ kind: 'fix', href: `/cards/${CARD}?fix=unlock` });
  });

  it('only explains when nothing on the card would help, the card is gone or ended, or the role cannot act', () => {
    expect(declineFixState(group({ reason: 'INSUFFICIENT_BALANCE' }), true)).toMatchObject({ kind: 'explain', note: expect.stringMatching(/payment account/) });
    expect(declineFixState(group({ cardId: null, card: null }), true)).toMatchObject({ kind: 'explain', note: expect.stringMatching(/not in the panel/) });
    expect(declineFixState(group({ card: { ...live, status: 'FINISHED' } }), true)).toMatchObject({ kind: 'explain', note: expect.stringMatching(/no longer active/) });
    expect(declineFixState(group({}), false)).toMatchObject({ kind: 'explain', note: expect.stringMatching(/operator/) });
  });
});
