import type { BudgetChangeView } from '@/lib/budgets/view-types';

// What the requests inbox receives: plain JSON (money as decimal strings of minor units, dates as ISO
// strings), the same from the server render and from polling. Client-safe.

export interface RequestSide {
  approvalId: string;
  budgetMinor: string;
  /** null: Sparados did not report it (shown as unknown). */
  spentMinor: string | null;
  availableMinor: string | null;
  startDate: string;
  endDate: string;
  timezone: string;
  /** "ATM: disabled", "Online: PLN 200.00 per week" … (lib/approvals/rules-view). */
  limits: string[];
}

export interface ChangeRequestView {
  /** The reapproval's Sparados id: what accept, reject, edit and cancel act on. */
  approvalId: string;
  cardId: string;
  /** "card 'Travel – J. Smith'" */
  label: string;
  description: string | null;
  holder: { name: string; email: string };
  /** Who asked: the cardholder (origin USER) or, rarely, the corporation. */
  askedBy: string;
  askedAt: string;
  currency: string | null;
  /** The approval the card follows now; null if the panel has not seen it (sync will bring it). */
  current: RequestSide | null;
  requested: RequestSide;
  changed: { budget: boolean; endDate: boolean; limits: boolean };
  /** Card spend from the transaction mirror over `days`; null when the mirror has nothing for the card. */
  recentSpend: { days: number; amountMinor: string; payments: number; lastAt: string | null } | null;
  /** When Sparados expires it if nobody answers; null = the environment does not say. */
  expiresAt: string | null;
  /** A decision on it was sent and Sparados has not confirmed it yet. */
  checking: boolean;
  /** Someone accepted it above their allowance: the acceptance waits for a second person (the budget policy). */
  acceptHeld: { changeId: string; requestedByName: string } | null;
}

export interface RequestsInbox {
  requests: ChangeRequestView[];
  /** Waiting for a second approver. */
  budgetChanges: BudgetChangeView[];
  /** Decided in the last day, with what became of them. */
  recentBudgetChanges: BudgetChangeView[];
  /** Hours a change request lives (null = unknown), for the page's explanation. */
  expiryHours: number | null;
  generatedAt: string;
}

/** What the card page shows as in flight for one card. */
export interface CardInFlight {
  /** Writes sent to Sparados whose outcome is not confirmed yet ("checking"). */
  checking: Array<{ id: string; kind: string; label: string; since: string; /** approval.budget: the signed delta in minor units. */ detail: string | null }>;
  /** Four-eyes budget changes of the card: waiting, or decided in the last day. */
  budgetChanges: BudgetChangeView[];
}
