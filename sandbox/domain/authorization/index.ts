export type {
  AuthorizationContext,
  AuthorizationRequest,
  AuthorizationResult,
  Channel,
  DeclineReason,
  LimitRule,
  LimitType,
  SpendRecord,
  TimeUnit,
} from './types';
export { authorize } from './authorize';
export { AUTHORIZATION_CHECKS, failingChecks, type AuthorizationCheck, type CheckInput } from './checks';
export { AMOUNT_LIMITS, usedInWindow, type AmountLimitType } from './limits';
export { isInWindow, windowBounds, windowEnd, windowStart, type Window } from './windows';
