import { z } from 'zod';
import { flexibleId, nullish, tolerantEnum } from './common';

// Card data, API-REFERENCE §4. The response is a JWE encrypted to the caller's public key; the panel's
// server only forwards it. The decrypted payload schema is here for whoever holds the private key
// (the browser, or a test); this module stays free of server-only imports for that reason.

export const cardSensitiveWireSchema = z.looseObject({
  /** JWE compact serialisation: five base64url parts. */
  payload: z.string().regex(/^[\w-]*\.[\w-]*\.[\w-]*\.[\w-]*\.[\w-]*$/, { error: 'not a JWE compact token' }),
});

export const CARD_TYPES = ['VIRTUAL', 'PHYSICAL'] as const;

export const cardSensitivePayloadSchema = z.looseObject({
  id: flexibleId,
  type: tolerantEnum('CardType', CARD_TYPES),
  cardNo: z.string().regex(/^\d{12,19}$/),
  cvv: z.string().regex(/^\d{3,4}$/),
  /** Last day of validity, "2031-05-31". */
  exp: z.string(),
  issuerCardId: nullish(z.string()),
  dcCorporationId: nullish(z.string()),
  balanceId: nullish(flexibleId),
});
export type CardSensitivePayload = z.infer<typeof cardSensitivePayloadSchema>;

/** Luhn check, used to tell a real PAN from garbage in tests and in the browser. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
