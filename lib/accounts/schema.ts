import { z } from 'zod';
import { isCurrencyCode } from '@/lib/money';

// The Settings row `sparados.accounts` (BETA/PROD): the Card Alias IDs and visual ids the Corporate
// Panel shows, which no API lists. See docs/decisions/071-accounts-and-visuals.md.

export const ACCOUNTS_SETTING_KEY = 'sparados.accounts';

export const accountsSettingSchema = z.object({
  accounts: z
    .array(
      z.object({
        cardAliasId: z.string().trim().min(1),
        balanceId: z.string().trim().min(1).nullable().default(null),
        name: z.string().trim().min(1).max(80),
        currency: z.string().refine(isCurrencyCode, 'must be an ISO 4217 currency code'),
      }),
    )
    .min(1),
  visuals: z.array(z.object({ id: z.string().trim().min(1), name: z.string().trim().min(1).max(80) })).default([]),
});
export type AccountsSetting = z.infer<typeof accountsSettingSchema>;
