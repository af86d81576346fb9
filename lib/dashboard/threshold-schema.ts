import { z } from 'zod';
import { isCurrencyCode, parseAmount } from '@/lib/money';

// The low-balance alert threshold as the Settings form sends it: typed in major units of the
// account currency. One schema for the browser and the server. Client-safe.

/** Large enough for any real balance, small enough to stay a JSON number in the Setting row. */
export const MAX_THRESHOLD_MINOR = 10n ** 15n;

export const lowBalanceThresholdSchema = z
  .object({
    currency: z.string().refine(isCurrencyCode, 'Unknown currency'),
    amount: z.string({ error: 'Enter an amount' }),
  })
  .transform((input, ctx) => {
    const parsed = parseAmount(input.amount, input.currency, { allowZero: true, max: MAX_THRESHOLD_MINOR });
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.message });
      return z.NEVER;
    }
    return { currency: input.currency, thresholdMinor: parsed.minor };
  });

export type LowBalanceThresholdInput = z.input<typeof lowBalanceThresholdSchema>;
