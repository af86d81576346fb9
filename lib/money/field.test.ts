import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { amountField } from './field';

describe('amountField', () => {
  const form = z.object({ amount: amountField('EUR', { max: 100_000_00n }) });

  it('turns the typed string into minor units', () => {
    expect(form.parse({ amount: '1,000.99' })).toEqual({ amount: 100099n });
  });

  it('reports the parse message and code on the field', () => {
    const result = form.safeParse({ amount: '1.234' });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(issue.path).toEqual(['amount']);
    expect(issue.message).toBe('Use at most 2 decimal places');
    expect(issue).toMatchObject({ code: 'custom', params: { amountError: 'TOO_MANY_DECIMALS' } });

    expect(z.flattenError(form.safeParse({ amount: '-3' }).error!).fieldErrors).toEqual({
      amount: ['The amount cannot be negative'],
    });
    expect(form.safeParse({ amount: '200000' }).error!.issues[0].message).toBe(
      'Enter an amount no larger than €100,000.00',
    );
  });

  it('refuses a missing value with a sentence', () => {
    expect(form.safeParse({}).error!.issues[0].message).toBe('Enter an amount');
    expect(form.safeParse({ amount: 12 }).error!.issues[0].message).toBe('Enter an amount');
  });

  it('honours allowNegative and allowZero', () => {
    const signed = amountField('JPY', { allowNegative: true, allowZero: true });
    expect(signed.parse('-1,500')).toBe(-1500n);
    expect(signed.parse('0')).toBe(0n);
  });
});
