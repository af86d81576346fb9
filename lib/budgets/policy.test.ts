import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET_POLICY, isTightening, judgeIncrease, limitWords, policyDifferences, type BudgetPolicy } from './policy';

const policy = DEFAULT_BUDGET_POLICY;
const none = { personMinor: 0n, cardMinor: 0n };
const raise = (amountMinor: bigint) => ({ kind: 'raise' as const, amountMinor });

describe('judgeIncrease', () => {
  it('never holds back a change that adds nothing', () => {
    expect(judgeIncrease(policy, 'OPERATOR', raise(0n), { personMinor: 10n ** 12n, cardMinor: 10n ** 12n })).toEqual({ ok: true });
    expect(judgeIncrease(policy, 'VIEWER', raise(-500n), none)).toEqual({ ok: true });
  });

  it('allows up to the per-change limit exactly, and not a minor unit more', () => {
    expect(judgeIncrease(policy, 'OPERATOR', raise(100_000n), none)).toEqual({ ok: true });
    expect(judgeIncrease(policy, 'OPERATOR', raise(100_001n), none)).toEqual({ ok: false, limit: 'PER_CHANGE', limitMinor: 100_000n, usedMinor: 0n, leftMinor: 100_000n });
  });

  it('judges a new card by the new-card limit and the person total, not by a card total', () => {
    const j = judgeIncrease(policy, 'OPERATOR', { kind: 'new_card', amountMinor: 100_001n }, { personMinor: 0n, cardMinor: null });
    expect(j).toMatchObject({ ok: false, limit: 'NEW_CARD' });
    expect(judgeIncrease(policy, 'OPERATOR', { kind: 'new_card', amountMinor: 100_000n }, { personMinor: 400_000n, cardMinor: null })).toEqual({ ok: true });
    expect(judgeIncrease(policy, 'OPERATOR', { kind: 'new_card', amountMinor: 100_000n }, { personMinor: 400_001n, cardMinor: null })).toMatchObject({ ok: false, limit: 'PERSON_DAY', leftMinor: 99_999n });
  });

  it('catches splitting: two raises of 0.6 × the limit on one card, the second over the card total', () => {
    expect(judgeIncrease(policy, 'OPERATOR', raise(60_000n), { personMinor: 0n, cardMinor: 0n })).toEqual({ ok: true });
    expect(judgeIncrease(policy, 'OPERATOR', raise(60_000n), { personMinor: 60_000n, cardMinor: 60_000n })).toEqual({
      ok: false,
      limit: 'CARD_DAY',
      limitMinor: 100_000n,
      usedMinor: 60_000n,
      leftMinor: 40_000n,
    });
  });

  it('catches splitting across cards: the person total', () => {
    expect(judgeIncrease(policy, 'OPERATOR', raise(99_999n), { personMinor: 450_000n, cardMinor: 0n })).toMatchObject({ ok: false, limit: 'PERSON_DAY', leftMinor: 50_000n });
  });

  it('binds every role, admins included; a viewer has no allowance at all', () => {
    expect(judgeIncrease(policy, 'ADMIN', raise(1_000_001n), none)).toMatchObject({ ok: false, limit: 'PER_CHANGE' });
    expect(judgeIncrease(policy, 'VIEWER', raise(1n), none)).toMatchObject({ ok: false, limit: 'NO_ALLOWANCE' });
  });

  it('says which limit and what is left', () => {
    const j = judgeIncrease(policy, 'OPERATOR', raise(99_999n), { personMinor: 450_000n, cardMinor: 0n });
    if (j.ok) throw new Error('expected a refusal');
    expect(limitWords(j, 'PLN', 'OPERATOR')).toBe('above what one operator may add alone in 24 hours (PLN\u00a05,000.00; PLN\u00a04,500.00 used, PLN\u00a0500.00 left)');
  });
});

describe('policy changes', () => {
  const looser: BudgetPolicy = { ...policy, OPERATOR: { ...policy.OPERATOR, perChangeMinor: 200_000 } };
  const tighter: BudgetPolicy = { ...policy, ADMIN: { ...policy.ADMIN, perPersonDayMinor: 1 } };

  it('tells a tightening (may apply at once) from a loosening (needs a second admin)', () => {
    expect(isTightening(policy, policy)).toBe(true);
    expect(isTightening(policy, tighter)).toBe(true);
    expect(isTightening(policy, looser)).toBe(false);
    expect(isTightening(tighter, policy)).toBe(false);
  });

  it('lists the differences for the audit sentence', () => {
    expect(policyDifferences(policy, looser, 'PLN')).toEqual(['operator largest raise per change PLN\u00a01,000.00 → PLN\u00a02,000.00']);
  });
});
