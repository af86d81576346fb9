import { describe, expect, it } from 'vitest';
import { describeLimit, fromApiLimit, limitCellToForm, limitModesOf, parseLimitForm, toApiLimit } from './limits';

describe('a limit cell of the CSV', () => {
  it('reads Sparados default, disabled and amount:period', () => {
    expect(limitCellToForm('atm', '')).toEqual({ form: { mode: 'default', amount: '', period: 'monthly' } });
    expect(limitCellToForm('atm', ' Default ')).toEqual({ form: { mode: 'default', amount: '', period: 'monthly' } });
    expect(limitCellToForm('atm', 'disabled')).toEqual({ form: { mode: 'disabled', amount: '', period: 'monthly' } });
    expect(limitCellToForm('atm', '200:weekly')).toEqual({ form: { mode: 'amount', amount: '200', period: 'weekly' } });
    expect(limitCellToForm('general', '1,250.50:month')).toEqual({ form: { mode: 'amount', amount: '1,250.50', period: 'monthly' } });
  });

  it('says what is wrong, and that Sparados has no "unlimited" nor a disabled general limit', () => {
    expect(limitCellToForm('atm', '200')).toEqual({ error: 'Write amount:period (e.g. 200:weekly), default or disabled' });
    expect(limitCellToForm('atm', '200:yearly')).toEqual({ error: 'Unknown period "yearly": use daily, weekly or monthly' });
    expect(limitCellToForm('atm', 'unlimited')).toEqual({ error: 'Sparados has no "unlimited": leave the cell empty (or write default) for Sparados\' default limit' });
    expect(limitCellToForm('general', 'disabled')).toEqual({ error: "The general limit cannot be disabled: give an amount, or leave it to Sparados' default" });
    expect(limitCellToForm('general', '0')).toMatchObject({ error: expect.stringContaining('cannot be disabled') });
  });
});

describe('a limit of the editor', () => {
  it('offers no "disabled" for the general limit, and refuses one sent anyway', () => {
    expect(limitModesOf('general')).toEqual(['default', 'amount']);
    expect(limitModesOf('ecommerce')).toEqual(['default', 'disabled', 'amount']);
    expect(parseLimitForm('general', { mode: 'disabled', amount: '', period: 'monthly' }, 'PLN')).toMatchObject({ ok: false, field: 'mode' });
    expect(parseLimitForm('atm', { mode: 'disabled', amount: '', period: 'monthly' }, 'PLN')).toEqual({ ok: true, value: { mode: 'disabled' } });
    expect(parseLimitForm('atm', { mode: 'amount', amount: '2.345', period: 'daily' }, 'PLN')).toEqual({ ok: false, field: 'amount', message: 'Use at most 2 decimal places' });
  });
});

describe('Sparados limit shapes', () => {
  it('sends type, amountMinor and timeUnit on every limit object, and leaves a default limit out', () => {
    expect(toApiLimit('atm', { mode: 'default' })).toBeNull();
    expect(toApiLimit('foreign', { mode: 'disabled' })).toEqual({ type: 'foreign_amount', amountMinor: 0, timeUnit: 'monthly' });
    expect(toApiLimit('ecommerce', { mode: 'amount', amountMinor: 500n, period: 'daily' })).toEqual({ type: 'ecommerce', amountMinor: 500, timeUnit: 'daily' });
  });

  it('reads absent or null as Sparados default, 0 as disabled', () => {
    expect(fromApiLimit(undefined)).toEqual({ mode: 'default' });
    expect(fromApiLimit({ amountMinor: null, timeUnit: null })).toEqual({ mode: 'default' });
    expect(fromApiLimit({ amountMinor: 0, timeUnit: 'daily' })).toEqual({ mode: 'disabled' });
    expect(fromApiLimit({ amountMinor: 500, timeUnit: 'weekly' })).toEqual({ mode: 'amount', amountMinor: 500n, period: 'weekly' });
  });

  it('describes limits in words', () => {
    expect(describeLimit('atm', { mode: 'disabled' }, 'PLN')).toBe('ATM: disabled');
    expect(describeLimit('ecommerce', { mode: 'amount', amountMinor: 20000n, period: 'weekly' }, 'PLN')).toBe('Online: PLN\u00a0200.00 per week');
    expect(describeLimit('general', { mode: 'default' }, 'PLN')).toBe('General: Sparados default');
  });
});
