// Request bodies of POST /secure/approvals and PUT /secure/approvals/{id} (API-REFERENCE §3).
import { z } from 'zod';
import type { LimitRule } from '../authorization/index';
import type { ApprovalCardDetails, ApprovalRules, ApprovalUser } from '../../store/types';
import { isKnownTimeZone, isoInstant, mccCode, minorAmount } from '../validation';

export interface ApprovalSchemaContext {
  isCardAlias(id: string): boolean;
  isBalanceId(id: string): boolean;
  userExists(id: number | string): boolean;
  isVisual(id: string): boolean;
  now(): Date;
}

const AMOUNT_LIMITS = ['general', 'ecommerce', 'atm', 'foreign_amount'] as const;
const MCC_LIMITS = ['mcc_whitelist', 'mcc_blacklist'] as const;

// Seed 001: type, amountMinor and timeUnit are each "Required when a limit object is provided", MCC rules
// included (their amountMinor "may be set to 0"); the general limit takes "amount in minor or null" only.
// A limit left out, or sent with amountMinor null, gets the default: in the sandbox, no extra limit.
const REQUIRED_ON_EVERY_LIMIT = 'is required on every limit object (seed 001), MCC rules included';

const limitSchema = z
  .object({
    type: z.enum([...AMOUNT_LIMITS, ...MCC_LIMITS], { error: `must be one of ${[...AMOUNT_LIMITS, ...MCC_LIMITS].join(', ')}` }),
    amountMinor: minorAmount().min(0, 'must not be negative (0 disables, null is the default)').nullable().optional(),
    timeUnit: z.enum(['daily', 'weekly', 'monthly'], { error: 'must be daily, weekly or monthly' }).nullable().optional(),
    mccList: z.array(mccCode(), { error: 'must be an array of MCC codes' }).optional(),
  })
  .superRefine((limit, ctx) => {
    const isMcc = (MCC_LIMITS as readonly string[]).includes(limit.type);
    if (limit.amountMinor === undefined) ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: REQUIRED_ON_EVERY_LIMIT });
    if (limit.timeUnit === undefined) ctx.addIssue({ code: 'custom', path: ['timeUnit'], message: REQUIRED_ON_EVERY_LIMIT });
    if (isMcc && (!limit.mccList || limit.mccList.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['mccList'], message: 'is required for MCC rules: a non-empty list of MCC codes' });
    }
    if (limit.type === 'general' && limit.amountMinor === 0) {
      ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: 'the general limit takes an amount in minor units or null, never 0' });
    }
    if (!isMcc && limit.amountMinor != null && limit.amountMinor > 0 && limit.timeUnit == null) {
      ctx.addIssue({ code: 'custom', path: ['timeUnit'], message: 'is required for a periodic amount limit' });
    }
  })
  .transform((limit): LimitRule => {
    const isMcc = (MCC_LIMITS as readonly string[]).includes(limit.type);
    return {
      type: limit.type,
      amountMinor: limit.amountMinor ?? null,
      timeUnit: limit.timeUnit ?? null,
      ...(isMcc ? { mccList: limit.mccList ?? [] } : {}),
    };
  });

function rulesSchema(context: ApprovalSchemaContext) {
  return z
    .object({
      budgetMinor: minorAmount().min(0, 'must not be negative'),
      validityPeriod: z.object(
        {
          startDate: isoInstant(),
          endDate: isoInstant(),
          timezone: z.string({ error: 'must be an IANA time zone name, e.g. Europe/Warsaw' }).refine(isKnownTimeZone, 'is not a known IANA time zone'),
        },
        { error: 'is required: { startDate, endDate, timezone }' },
      ),
      limits: z.array(limitSchema, { error: 'must be an array of limits' }).nullable().optional(),
      purpose: z.object(
        {
          ecommerce: z.literal(true, { error: 'must be true' }),
          allowChangeRequest: z.boolean({ error: 'must be a boolean' }).optional(),
        },
        { error: 'is required: { ecommerce: true, allowChangeRequest }' },
      ),
    })
    .superRefine((rules, ctx) => {
      const start = new Date(rules.validityPeriod.startDate).getTime();
      const end = new Date(rules.validityPeriod.endDate).getTime();
      if (end <= start) ctx.addIssue({ code: 'custom', path: ['validityPeriod', 'endDate'], message: 'must be after startDate' });
      else if (end <= context.now().getTime()) ctx.addIssue({ code: 'custom', path: ['validityPeriod', 'endDate'], message: 'must be in the future' });
    })
    .transform(
      (rules): ApprovalRules => ({
        budgetMinor: rules.budgetMinor,
        validityPeriod: {
          startDate: new Date(rules.validityPeriod.startDate).toISOString(),
          endDate: new Date(rules.validityPeriod.endDate).toISOString(),
          timezone: rules.validityPeriod.timezone,
        },
        limits: rules.limits ?? [],
        purpose: { ecommerce: true, allowChangeRequest: rules.purpose.allowChangeRequest ?? false },
      }),
    );
}

function cardSchema(context: ApprovalSchemaContext) {
  return z
    .object({
      description: z.string({ error: 'must be a string or null' }).max(100, 'must be at most 100 characters').nullable().optional(),
      visual: z
        .object({ id: z.string({ error: 'must be a visual id string' }).refine((id) => context.isVisual(id), 'is not a visual of this corporation').nullable().optional() })
        .nullable()
        .optional(),
    })
    .transform((card): ApprovalCardDetails => ({ description: card.description ?? null, visual: card.visual?.id ? { id: card.visual.id } : null }));
}

const tagsSchema = z.array(z.union([z.string(), z.number()], { error: 'must be strings or numbers' }), { error: 'must be an array' });

const userIdSchema = z.union([z.int().positive(), z.string().min(1)], { error: 'must be a user id (number or string)' });

function userSchema(context: ApprovalSchemaContext) {
  return z
    .object(
      {
        id: userIdSchema.optional(),
        email: z.email({ error: 'must be an e-mail address' }).optional(),
        prefix: z.string({ error: 'must be a string' }).regex(/^\d{1,4}$/, 'must be a phone prefix of digits without "+", e.g. 48').optional(),
        phone: z.string({ error: 'must be a string' }).regex(/^\d{5,15}$/, 'must be a phone number of 5 to 15 digits').optional(),
        firstName: z.string({ error: 'must be a string' }).max(100).optional(),
        lastName: z.string({ error: 'must be a string' }).max(100).optional(),
        birthDate: z.union([isoInstant(), z.iso.date()], { error: 'must be an ISO 8601 date-time' }).optional(),
        nationality: z.string({ error: 'must be a string' }).regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code, e.g. PL').optional(),
      },
      { error: 'is required' },
    )
    .superRefine((user, ctx) => {
      if (user.id !== undefined) {
        if (!context.userExists(user.id)) ctx.addIssue({ code: 'custom', path: ['id'], message: 'is not a user of this corporation' });
        return;
      }
      for (const field of ['email', 'prefix', 'phone'] as const) {
        if (user[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required without user.id' });
      }
    })
    .transform((user): ApprovalUser => Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)));
}

function balanceSchema(context: ApprovalSchemaContext) {
  return z.object(
    {
      id: z.string({ error: 'is required: the Card Alias ID' }).superRefine((id, ctx) => {
        if (context.isCardAlias(id)) return;
        ctx.addIssue({
          code: 'custom',
          message: context.isBalanceId(id)
            ? 'is a balanceId (payment account); approvals take the Card Alias ID'
            : 'is not a Card Alias ID of this corporation',
        });
      }),
    },
    { error: 'is required: { id: Card Alias ID }' },
  );
}

export function createApprovalSchema(context: ApprovalSchemaContext) {
  return z.object(
    {
      balance: balanceSchema(context),
      user: userSchema(context),
      rules: rulesSchema(context),
      card: cardSchema(context).nullable().optional(),
      tags: tagsSchema.nullable().optional(),
    },
    { error: 'must be a JSON object' },
  );
}

/** Edit: `rules`, `card`, `tags`; `user` and `balance` cannot change and are ignored. */
export function editApprovalSchema(context: ApprovalSchemaContext) {
  return z.object(
    {
      rules: rulesSchema(context),
      card: cardSchema(context).nullable().optional(),
      tags: tagsSchema.nullable().optional(),
    },
    { error: 'must be a JSON object' },
  );
}

export type CreateApprovalInput = z.output<ReturnType<typeof createApprovalSchema>>;
export type EditApprovalInput = z.output<ReturnType<typeof editApprovalSchema>>;
