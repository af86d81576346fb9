import { toBalanceCurrency } from '../fx';
import { AUTHORIZATION_CHECKS, type CheckInput } from './checks';
import type { AuthorizationContext, AuthorizationRequest, AuthorizationResult } from './types';

/**
 * Decides an authorization. Throws (the server answers 400) for input no card network would
 * send: a non-positive or fractional amount, an unknown currency (UnknownCurrencyError), or an
 * approval time zone that is not an IANA name (RangeError, only when a periodic limit applies).
 */
export function authorize(ctx: AuthorizationContext, req: AuthorizationRequest): AuthorizationResult {
  if (!Number.isSafeInteger(req.amountMinor) || req.amountMinor <= 0) {
    throw new RangeError(`amountMinor must be a positive integer, got ${req.amountMinor}`);
  }
  const foreign = req.currency !== ctx.balanceCurrency;
  const amountInBalanceMinor = toBalanceCurrency(req.amountMinor, req.currency, ctx.balanceCurrency);
  const input: CheckInput = { ctx, req, amountInBalanceMinor, foreign };

  const failed = AUTHORIZATION_CHECKS.find((check) => check.fails(input));
  return failed
    ? { approved: false, reason: failed.reason, amountInBalanceMinor, foreign }
    : { approved: true, amountInBalanceMinor, foreign };
}
