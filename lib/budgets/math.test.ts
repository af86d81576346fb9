import { describe, expect, it } from 'vitest';
import { planBudgetChange } from './math';
import { previewBudgetChange } from './preview';

const card = { budgetMinor: 50_000n, spentMinor: 12_345n, availableMinor: 37_655n };

describe('planBudgetChange', () => {
  it('tops up and reduces by an amount; available moves with the budget', () => {
    expect(planBudgetChange(card, 'increase', 30_000n, 'PLN')).toEqual({ ok: true, deltaMinor: 30_000n, after: { budgetMinor: 80_000n, spentMinor: 12_345n, availableMinor: 67_655n } });
    expect(planBudgetChange(card, 'decrease', 7_655n, 'PLN')).toEqual({ ok: true, deltaMinor: -7_655n, after: { budgetMinor: 42_345n, spentMinor: 12_345n, availableMinor: 30_000n } });
  });

  it('sets the available amount to a target, up or down, and to zero (reclaim)', () => {
    expect(planBudgetChange(card, 'target', 100_000n, 'PLN')).toMatchObject({ ok: true, deltaMinor: 62_345n });
    expect(planBudgetChange(card, 'target', 0n, 'PLN')).toEqual({ ok: true, deltaMinor: -37_655n, after: { budgetMinor: 12_345n, spentMinor: 12_345n, availableMinor: 0n } });
  });

  it('refuses a reduction below what is spent, naming the figure the budget may go down to', () => {
    const plan = planBudgetChange(card, 'decrease', 37_656n, 'PLN');
    expect(plan).toMatchObject({ ok: false, reason: 'BELOW_SPENT', floorMinor: 12_345n, maxReductionMinor: 37_655n });
    expect(!plan.ok && plan.message).toContain('may go down to PLN\u00a0123.45');
    // Exactly down to what is spent is allowed.
    expect(planBudgetChange(card, 'decrease', 37_655n, 'PLN')).toMatchObject({ ok: true, after: { budgetMinor: 12_345n, availableMinor: 0n } });
  });

  it('refuses a change that changes nothing', () => {
    expect(planBudgetChange(card, 'target', 37_655n, 'PLN')).toMatchObject({ ok: false, reason: 'NO_CHANGE' });
  });
});

describe('previewBudgetChange', () => {
  const figures = { budgetMinor: '50000', spentMinor: '12345', availableMinor: '37655' };

  it('shows before/after and whether a second approver is needed', () => {
    expect(previewBudgetChange(figures, 'increase', '1000.01', 'PLN', { minor: '100000', because: 'your limit per change' })).toMatchObject({ kind: 'ok', deltaMinor: '100001', needsSecondApprover: true, after: { budgetMinor: '150001' } });
    expect(previewBudgetChange(figures, 'increase', '1000', 'PLN', { minor: '100000', because: 'your limit per change' })).toMatchObject({ kind: 'ok', needsSecondApprover: false, note: null });
  });

  it('reports typing errors and refusals the way the server will', () => {
    expect(previewBudgetChange(figures, 'increase', '', 'PLN', { minor: '100000', because: 'your limit per change' })).toEqual({ kind: 'empty' });
    expect(previewBudgetChange(figures, 'increase', '1.234', 'PLN', { minor: '100000', because: 'your limit per change' })).toMatchObject({ kind: 'invalid' });
    expect(previewBudgetChange(figures, 'increase', '0', 'PLN', { minor: '100000', because: 'your limit per change' })).toMatchObject({ kind: 'invalid' });
    expect(previewBudgetChange(figures, 'decrease', '400', 'PLN', { minor: '100000', because: 'your limit per change' })).toMatchObject({ kind: 'refused', message: expect.stringContaining('may go down to PLN\u00a0123.45') });
  });
});
