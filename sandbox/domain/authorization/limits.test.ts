import { describe, expect, it } from 'vitest';
import { WARSAW, spend } from './fixtures';
import { usedInWindow } from './limits';

const at = new Date('2025-06-11T10:00:00Z'); // Wednesday, Warsaw summer time
const history = [
  spend('2025-06-11T06:00:00Z', 1_000, { channel: 'POS' }),
  spend('2025-06-11T07:00:00Z', 2_000, { channel: 'ECOMMERCE', foreign: true }),
  spend('2025-06-11T08:00:00Z', 4_000, { channel: 'ATM' }),
  spend('2025-06-10T21:00:00Z', 8_000, { channel: 'ECOMMERCE' }), // Tuesday 23:00 local
  spend('2025-05-31T21:00:00Z', 16_000, { channel: 'POS', foreign: true }), // 31 May 23:00 local
];

describe('usedInWindow', () => {
  it('sums what each kind counts in the local day', () => {
    expect(usedInWindow(history, 'general', at, 'daily', WARSAW)).toBe(7_000);
    expect(usedInWindow(history, 'ecommerce', at, 'daily', WARSAW)).toBe(2_000);
    expect(usedInWindow(history, 'atm', at, 'daily', WARSAW)).toBe(4_000);
    expect(usedInWindow(history, 'foreign_amount', at, 'daily', WARSAW)).toBe(2_000);
  });

  it('widens to the ISO week and the calendar month', () => {
    expect(usedInWindow(history, 'general', at, 'weekly', WARSAW)).toBe(15_000);
    expect(usedInWindow(history, 'general', at, 'monthly', WARSAW)).toBe(15_000);
    expect(usedInWindow(history, 'foreign_amount', new Date('2025-05-31T21:30:00Z'), 'monthly', WARSAW)).toBe(16_000);
  });

  it('counts the whole history without a time unit', () => {
    expect(usedInWindow(history, 'general', at, null, WARSAW)).toBe(31_000);
  });

  it('subtracts refunds but never goes below zero', () => {
    const refunded = [...history, spend('2025-06-11T09:00:00Z', -5_000, { channel: 'ATM' })];
    expect(usedInWindow(refunded, 'general', at, 'daily', WARSAW)).toBe(2_000);
    expect(usedInWindow(refunded, 'atm', at, 'daily', WARSAW)).toBe(0);
  });

  it('counts nothing in an empty history', () => {
    expect(usedInWindow([], 'general', at, 'monthly', WARSAW)).toBe(0);
  });
});
