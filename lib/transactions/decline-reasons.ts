import type { LimitKind } from '@/lib/approvals/limits';

// Why Sparados refused a payment, in words a finance admin acts on, and the one form that fixes it.
// One table (SANDBOX.md's decline reasons), read by the transactions list, the decline inbox, the
// dashboard and the card page's `?fix=` hook. Client-safe.

export const DECLINE_REASONS = [
  'INSUFFICIENT_BUDGET',
  'ATM_LIMIT',
  'ECOMMERCE_LIMIT',
  'FOREIGN_LIMIT',
  'GENERAL_LIMIT',
  'MCC_BLOCKED',
  'MCC_NOT_ALLOWED',
  'CARD_LOCKED',
  'OUTSIDE_VALIDITY',
  'APPROVAL_NOT_ACTIVE',
  'INSUFFICIENT_BALANCE',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** The forms of the card page a fix link can open (`/cards/<id>?fix=<kind>`). */
export const CARD_FIXES = ['topup', 'limits', 'mcc', 'unlock', 'dates'] as const;
export type CardFixKind = (typeof CARD_FIXES)[number];

export type DeclineFix =
  | { kind: Exclude<CardFixKind, 'limits'>; label: string }
  | { kind: 'limits'; limit: LimitKind; label: string };

export interface DeclineReasonInfo {
  /** Short label for badges and table cells. */
  title: string;
  /** What happened, for the inbox and the detail drawer. */
  explanation: string;
  /** The change to the card that would have let the payment through; null when none in the panel can. */
  fix: DeclineFix | null;
}

export const DECLINE_REASON_INFO = {
  INSUFFICIENT_BUDGET: {
    title: 'Budget used up',
    explanation: 'The payment was more than what is left of the card’s budget.',
    fix: { kind: 'topup', label: 'Top up the budget' },
  },
  ATM_LIMIT: {
    title: 'ATM limit',
    explanation: 'Cash withdrawals are disabled on this card, or this one would pass its ATM limit for the period.',
    fix: { kind: 'limits', limit: 'atm', label: 'Edit the ATM limit' },
  },
  ECOMMERCE_LIMIT: {
    title: 'Online limit',
    explanation: 'Online payments are disabled on this card, or this one would pass its online limit for the period.',
    fix: { kind: 'limits', limit: 'ecommerce', label: 'Edit the online limit' },
  },
  FOREIGN_LIMIT: {
    title: 'Foreign limit',
    explanation: 'Payments in other currencies are disabled on this card, or this one would pass its foreign limit for the period.',
    fix: { kind: 'limits', limit: 'foreign', label: 'Edit the foreign limit' },
  },
  GENERAL_LIMIT: {
    title: 'Spending limit',
    explanation: 'The payment would pass the card’s general spending limit for the period.',
    fix: { kind: 'limits', limit: 'general', label: 'Edit the general limit' },
  },
  MCC_BLOCKED: {
    title: 'Merchant blocked',
    explanation: 'The merchant’s category is on the card’s block list.',
    fix: { kind: 'mcc', label: 'Edit merchant rules' },
  },
  MCC_NOT_ALLOWED: {
    title: 'Merchant not allowed',
    explanation: 'The card may pay only certain kinds of merchants, and this one’s category is not among them.',
    fix: { kind: 'mcc', label: 'Edit merchant rules' },
  },
  CARD_LOCKED: {
    title: 'Card locked',
    explanation: 'The card was locked when the cardholder tried to pay.',
    fix: { kind: 'unlock', label: 'Unlock the card' },
  },
  OUTSIDE_VALIDITY: {
    title: 'Outside validity',
    explanation: 'The payment came before the card’s start date or after its end date.',
    fix: { kind: 'dates', label: 'Edit the validity dates' },
  },
  APPROVAL_NOT_ACTIVE: {
    title: 'Card not active',
    explanation:
      'The card’s approval is not active (cancelled, finished, expired or replaced). Nothing on this card can be changed to allow it; assign a new card if the person still needs one.',
    fix: null,
  },
  INSUFFICIENT_BALANCE: {
    title: 'Account balance too low',
    explanation:
      'The company’s payment account did not hold enough money, whatever the card’s budget. Fund the account through Sparados; no card setting changes this.',
    fix: null,
  },
} as const satisfies Record<DeclineReason, DeclineReasonInfo>;

export function isDeclineReason(value: unknown): value is DeclineReason {
  return typeof value === 'string' && (DECLINE_REASONS as readonly string[]).includes(value);
}

/** What to show for any reason Sparados sends, including ones this panel does not know yet. */
export function declineReasonInfo(reason: string | null | undefined): DeclineReasonInfo {
  if (isDeclineReason(reason)) return DECLINE_REASON_INFO[reason];
  if (!reason) return { title: 'Declined', explanation: 'Sparados did not say why the payment was declined.', fix: null };
  return { title: `Declined (${reason})`, explanation: `Sparados declined the payment with a reason this panel does not know yet: ${reason}.`, fix: null };
}

/** The card page link that opens the fix's form prefilled; null when there is nothing to fix on a card. */
export function declineFixHref(reason: string | null | undefined, cardId: string | null | undefined): string | null {
  const { fix } = declineReasonInfo(reason);
  if (!fix || !cardId) return null;
  const query = new URLSearchParams({ fix: fix.kind });
  if (fix.kind === 'limits') query.set('limit', fix.limit);
  return `/cards/${encodeURIComponent(cardId)}?${query.toString()}`;
}

const LIMIT_PARAM = ['general', 'ecommerce', 'atm', 'foreign'] as const satisfies readonly LimitKind[];

export type CardFixRequest = { kind: Exclude<CardFixKind, 'limits'> } | { kind: 'limits'; limit: LimitKind };

/**
 * The card page's side of the link: which form to open from `?fix=…&limit=…`. Unknown values give
 * null (the page opens nothing) rather than an error, since links outlive code.
 */
export function parseCardFix(params: URLSearchParams | Record<string, string | string[] | undefined>): CardFixRequest | null {
  const get = (name: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
    const value = params[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const kind = get('fix');
  if (!kind || !(CARD_FIXES as readonly string[]).includes(kind)) return null;
  if (kind !== 'limits') return { kind: kind as Exclude<CardFixKind, 'limits'> };
  const limit = get('limit');
  return { kind: 'limits', limit: (LIMIT_PARAM as readonly string[]).includes(limit ?? '') ? (limit as LimitKind) : 'general' };
}
