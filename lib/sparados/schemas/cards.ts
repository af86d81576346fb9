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

/** Luhn check (lib/sparados/luhn.ts), for whoever decrypts card data: tests and the browser. */
export { passesLuhn } from '../luhn';
