// The engine's contract with the sandbox server (POST /_sandbox/transactions). Keep these shapes
// stable: the server builds the context from its store and records the result.

export type Channel = 'POS' | 'ECOMMERCE' | 'ATM';

export type DeclineReason =
  | 'CARD_LOCKED'
  | 'APPROVAL_NOT_ACTIVE'
  | 'OUTSIDE_VALIDITY'
  | 'INSUFFICIENT_BUDGET'
  | 'INSUFFICIENT_BALANCE'
  | 'GENERAL_LIMIT'
  | 'ECOMMERCE_LIMIT'
  | 'ATM_LIMIT'
  | 'FOREIGN_LIMIT'
  | 'MCC_NOT_ALLOWED'
  | 'MCC_BLOCKED';

export type TimeUnit = 'daily' | 'weekly' | 'monthly';

export interface LimitRule {
  type: 'general' | 'ecommerce' | 'atm' | 'foreign_amount' | 'mcc_whitelist' | 'mcc_blacklist';
  amountMinor: number | null;
  timeUnit: TimeUnit | null;
  mccList?: string[];
}

export type LimitType = LimitRule['type'];

export interface SpendRecord {
  at: Date;
  /** In balance currency, signed: refunds negative. */
  amountMinor: number;
  channel: Channel;
  foreign: boolean;
}

export interface AuthorizationContext {
  approvalStatus: string;
  cardLocked: boolean;
  startDate: Date;
  endDate: Date;
  timezone: string;
  budgetMinor: number;
  spentMinor: number;
  limits: LimitRule[];
  balanceCurrency: string;
  balanceAvailableMinor: number;
  /** Counted spend of this card: AUTHORIZED or CLEARED, not REVERSED, plus refunds. */
  history: SpendRecord[];
}

export interface AuthorizationRequest {
  amountMinor: number;
  currency: string;
  mcc: string;
  channel: Channel;
  at: Date;
}

export type AuthorizationResult =
  | { approved: true; amountInBalanceMinor: number; foreign: boolean }
  | { approved: false; reason: DeclineReason; amountInBalanceMinor: number; foreign: boolean };
