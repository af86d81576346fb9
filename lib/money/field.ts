import { z } from 'zod';
import { parseAmount, type ParseAmountOptions } from './parse';

/**
 * A zod 4 field that turns a typed amount into minor units (bigint), for forms validated in the
 * browser and again on the server. The issue carries the parseAmount error code in `params.amountError`.
 */
export function amountField(currency: string, opts: ParseAmountOptions = {}) {
  return z.string({ error: 'Enter an amount' }).transform((input, ctx) => {
    const result = parseAmount(input, currency, opts);
    if (result.ok) return result.minor;
    ctx.addIssue({ code: 'custom', message: result.message, params: { amountError: result.error } });
    return z.NEVER;
  });
}
