import { z } from 'zod';
import { flexibleId, isoInstant, minorUnits, nullish, pageOf } from './common';

// Shapes of API-REFERENCE §3. Requests are checked for structure only (types, required fields);
// business rules (end after start, MCC lists, budget rules) are Sparados' to judge, so its 400/409/422
// answers reach the caller unchanged.

export const APPROVAL_STATUSES = [
  'CREATED',
  'ACCEPTED',
  'PREPARED',
  'DELIVERED',
  'REAPPROVED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'FINISHED',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const CARD_STATUSES = ['ACTIVE', 'LOCKED'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const APPROVAL_ORIGINS = ['CORPORATION', 'USER'] as const;
export type ApprovalOrigin = (typeof APPROVAL_ORIGINS)[number];

export const LIMIT_TYPES = ['general', 'ecommerce', 'atm', 'foreign_amount', 'mcc_whitelist', 'mcc_blacklist'] as const;
export type LimitType = (typeof LIMIT_TYPES)[number];

export const TIME_UNITS = ['daily', 'weekly', 'monthly'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

const instantInput = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

// ---- requests ----

/**
 * Seed 001: `type`, `amountMinor` and `timeUnit` are each "Required when a limit object is provided",
 * MCC rules included. A limit left to Sparados' default is left out of the list, never sent as null.
 */
export const limitInputSchema = z.object({
  type: z.enum(LIMIT_TYPES),
  /** 0 = disabled (not for `general`); on MCC rules always 0 (seed: "may be set to 0"). */
  amountMinor: z.number().int().nonnegative(),
  timeUnit: z.enum(TIME_UNITS),
  mccList: z.array(z.string()).optional(),
});
export type LimitInput = z.infer<typeof limitInputSchema>;

export const rulesInputSchema = z.object({
  budgetMinor: z.number().int().nonnegative(),
  validityPeriod: z.object({
    startDate: instantInput,
    endDate: instantInput,
    timezone: z.string().min(1),
  }),
  limits: z.array(limitInputSchema).optional(),
  purpose: z.object({
    ecommerce: z.boolean(),
    allowChangeRequest: z.boolean().optional(),
  }),
});
export type RulesInput = z.infer<typeof rulesInputSchema>;

export const cardInputSchema = z.object({
  description: z.string().nullable().optional(),
  visual: z.object({ id: z.string().min(1) }).nullable().optional(),
});

const simpleUserInput = z.object({
  email: z.string().min(1),
  /** Country calling code without "+", e.g. "48". */
  prefix: z.string().min(1),
  phone: z.string().min(1),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  birthDate: z.string().optional(),
  nationality: z.string().optional(),
});
const fullUserInput = z.object({ id: z.union([z.string().min(1), z.number().int()]) });

export const createApprovalInputSchema = z.object({
  /** The Card Alias ID, not the balanceId of GET /balances. */
  balance: z.object({ id: z.string().min(1) }),
  user: z.union([fullUserInput, simpleUserInput]),
  rules: rulesInputSchema,
  card: cardInputSchema.optional(),
  tags: z.array(z.string()).optional(),
});
export type CreateApprovalInput = z.infer<typeof createApprovalInputSchema>;

export const editApprovalInputSchema = z.object({
  rules: rulesInputSchema,
  card: cardInputSchema.optional(),
  tags: z.array(z.string()).optional(),
});
export type EditApprovalInput = z.infer<typeof editApprovalInputSchema>;

export const increaseBudgetInputSchema = z.object({
  /** Negative values subtract. */
  additionalBudgetMinor: z.number().int().refine((v) => v !== 0, { error: 'must not be zero' }),
});

export const listApprovalsQuerySchema = z.object({
  status: z.enum(APPROVAL_STATUSES).optional(),
  page: z.number().int().nonnegative().optional(),
  size: z.number().int().min(1).max(1000).optional(),
});
export type ListApprovalsQuery = z.infer<typeof listApprovalsQuerySchema>;

// ---- responses (tolerant) ----

// Enum fields stay raw strings on the wire; the domain transform maps them to known values or
// UNKNOWN and keeps the raw text (docs/decisions/041-sparados-tolerant-parsing.md).
const limitWire = z.looseObject({
  type: z.string(),
  amountMinor: nullish(minorUnits),
  timeUnit: nullish(z.string()),
  mccList: nullish(z.array(z.union([z.string(), z.number().int()]).transform(String))),
});

const tagWire = z.union([
  z.string(),
  z.number().transform(String),
  z.looseObject({ id: flexibleId.optional(), value: z.string().optional(), name: z.string().optional() }),
]);

export const approvalWireSchema = z.looseObject({
  id: flexibleId,
  status: z.string(),
  cardId: nullish(flexibleId),
  cardStatus: nullish(z.string()),
  parentId: nullish(flexibleId),
  origin: nullish(z.string()),
  user: nullish(
    z.looseObject({
      id: nullish(flexibleId),
      email: nullish(z.string()),
      prefix: nullish(z.string()),
      phone: nullish(z.string()),
      firstName: nullish(z.string()),
      lastName: nullish(z.string()),
      birthDate: nullish(z.string()),
      nationality: nullish(z.string()),
    }),
  ),
  balance: nullish(z.looseObject({ id: nullish(flexibleId) })),
  rules: z.looseObject({
    budgetMinor: minorUnits,
    spentMinor: nullish(minorUnits),
    availableBudgetMinor: nullish(minorUnits),
    validityPeriod: z.looseObject({
      startDate: isoInstant,
      endDate: isoInstant,
      timezone: nullish(z.string()),
    }),
    limits: nullish(z.array(limitWire)),
    purpose: nullish(
      z.looseObject({
        ecommerce: nullish(z.boolean()),
        allowChangeRequest: nullish(z.boolean()),
      }),
    ),
  }),
  card: nullish(
    z.looseObject({
      description: nullish(z.string()),
      visual: nullish(z.looseObject({ id: nullish(flexibleId) })),
    }),
  ),
  tags: nullish(z.array(tagWire)),
  createdAt: nullish(isoInstant),
  updatedAt: nullish(isoInstant),
});
export type ApprovalWire = z.infer<typeof approvalWireSchema>;

export const approvalPageWireSchema = pageOf(approvalWireSchema);

/** The create's answer: seed 001 promises `approvalId`; other fields may come beside it and are ignored. */
export const createdApprovalWireSchema = z.looseObject({ approvalId: flexibleId });
