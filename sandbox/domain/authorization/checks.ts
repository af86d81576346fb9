// The authorization rules, in the order they are tried; the first failing one is the decline
// reason. Why this order: docs/decisions/030-sandbox-authorization-order.md.
import { AMOUNT_LIMITS, exceedsKindLimit, isKindDisabled, type AmountLimitType } from './limits';
import { isMccBlocked, isMccNotAllowed } from './mcc';
import type { AuthorizationContext, AuthorizationRequest, DeclineReason } from './types';

export interface CheckInput {
  ctx: AuthorizationContext;
  req: AuthorizationRequest;
  /** The request converted to the balance currency, commission included. */
  amountInBalanceMinor: number;
  foreign: boolean;
}

export interface AuthorizationCheck {
  name: string;
  reason: DeclineReason;
  fails: (input: CheckInput) => boolean;
}

function kindEnabled(type: AmountLimitType): AuthorizationCheck {
  return {
    name: `${type} spending enabled`,
    reason: AMOUNT_LIMITS[type].reason,
    fails: ({ ctx, req, foreign }) => isKindDisabled(ctx.limits, type, { channel: req.channel, foreign }),
  };
}

function withinKindLimits(type: AmountLimitType): AuthorizationCheck {
  return {
    name: `within ${type} limits`,
    reason: AMOUNT_LIMITS[type].reason,
    fails: ({ ctx, req, amountInBalanceMinor, foreign }) =>
      exceedsKindLimit(
        ctx.limits,
        type,
        { at: req.at, amountMinor: amountInBalanceMinor, channel: req.channel, foreign },
        ctx.history,
        ctx.timezone,
      ),
  };
}

export const AUTHORIZATION_CHECKS: readonly AuthorizationCheck[] = [
  // 1. Can this card spend at all?
  {
    name: 'approval delivered',
    reason: 'APPROVAL_NOT_ACTIVE',
    fails: ({ ctx }) => ctx.approvalStatus !== 'DELIVERED',
  },
  {
    name: 'inside validity period',
    reason: 'OUTSIDE_VALIDITY',
    fails: ({ ctx, req }) =>
      req.at.getTime() < ctx.startDate.getTime() || req.at.getTime() >= ctx.endDate.getTime(),
  },
  { name: 'card not locked', reason: 'CARD_LOCKED', fails: ({ ctx }) => ctx.cardLocked },
  // 2. Is this kind of purchase allowed at any amount?
  {
    name: 'merchant category not blacklisted',
    reason: 'MCC_BLOCKED',
    fails: ({ ctx, req }) => isMccBlocked(ctx.limits, req.mcc),
  },
  {
    name: 'merchant category whitelisted',
    reason: 'MCC_NOT_ALLOWED',
    fails: ({ ctx, req }) => isMccNotAllowed(ctx.limits, req.mcc),
  },
  kindEnabled('general'),
  kindEnabled('ecommerce'),
  kindEnabled('atm'),
  kindEnabled('foreign_amount'),
  // 3. Does this amount fit the card's allowances, most lasting first?
  {
    name: 'within budget',
    reason: 'INSUFFICIENT_BUDGET',
    fails: ({ ctx, amountInBalanceMinor }) => amountInBalanceMinor > ctx.budgetMinor - ctx.spentMinor,
  },
  withinKindLimits('general'),
  withinKindLimits('ecommerce'),
  withinKindLimits('atm'),
  withinKindLimits('foreign_amount'),
  // 4. Is the money there? The account is shared by every card of the corporation.
  {
    name: 'within account balance',
    reason: 'INSUFFICIENT_BALANCE',
    fails: ({ ctx, amountInBalanceMinor }) => amountInBalanceMinor > ctx.balanceAvailableMinor,
  },
];

/** Every failing check, in order; the first one decides. Useful to explain a decline. */
export function failingChecks(input: CheckInput): AuthorizationCheck[] {
  return AUTHORIZATION_CHECKS.filter((check) => check.fails(input));
}
