import { z } from 'zod';
import { flexibleId, isoInstant, minorUnits, nullish } from './common';

/** GET /secure/balances/{balanceId}, API-REFERENCE §4. */
export const balanceWireSchema = z.looseObject({
  id: flexibleId,
  currency: z.string(),
  availableMinor: minorUnits,
  blockedMinor: nullish(minorUnits),
  updatedAt: nullish(isoInstant),
});
export type BalanceWire = z.infer<typeof balanceWireSchema>;
