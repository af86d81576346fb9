import type { BudgetFiguresJson } from './math';

// What the inbox, the card page and the cards list receive about changes held for a second person:
// plain JSON (money as decimal strings of minor units, dates as ISO strings). Client-safe.

export type BudgetChangeKindName = 'TOP_UP' | 'ASSIGN' | 'EDIT' | 'ACCEPT_REQUEST' | 'POLICY' | 'CONTACT';

export type BudgetChangeState = 'awaiting_approval' | 'applied' | 'checking' | 'failed' | 'declined' | 'approved';

export interface BudgetChangeView {
  id: string;
  kind: BudgetChangeKindName;
  /** The card; null for a new card not created yet, and for a policy change. */
  cardId: string | null;
  /** "card 'Travel – J. Smith'", "a new card for Jan Smith", "the budget policy". */
  label: string;
  holderName: string | null;
  currency: string;
  /** What it does, in words, as it was asked. */
  summary: string;
  /** Why it waits: the limit it is above, as judged when it was asked. */
  reason: string | null;
  /** How much it raises what can be spent (minor units). */
  increaseMinor: string;
  requestedById: string;
  requestedByName: string;
  requestedAt: string;
  /** TOP_UP only: how it was asked and the figures it was planned on. */
  mode: 'BY' | 'TARGET' | null;
  deltaMinor: string | null;
  before: BudgetFiguresJson | null;
  after: BudgetFiguresJson | null;
  state: BudgetChangeState;
  decidedByName: string | null;
  decidedAt: string | null;
  /** Decline reason, or why it failed. */
  note: string | null;
}

/** What the signed-in person may add alone now (null: nothing at all); minor units as decimal strings. */
export interface Allowance {
  perChangeMinor: string | null;
  newCardMinor: string | null;
  /** Left of the person's 24-hour total. */
  personLeftMinor: string | null;
  /** Left of each asked-about card's 24-hour total, by card id. */
  cardLeftMinor: Record<string, string>;
}

/** The largest raise of one card a person may make alone now, and which of their limits sets it. */
export interface AloneLimit {
  minor: string;
  because: string;
}

/** The largest raise of one card the person may make alone now, or null when none at all. */
export function aloneLimitFor(allowance: Allowance, cardId: string): AloneLimit | null {
  if (allowance.perChangeMinor === null || allowance.personLeftMinor === null) return null;
  const limits: Array<[bigint, string]> = [
    [BigInt(allowance.perChangeMinor), 'your limit per change'],
    [BigInt(allowance.personLeftMinor), 'what is left of your 24-hour total'],
  ];
  const card = allowance.cardLeftMinor[cardId];
  if (card !== undefined) limits.push([BigInt(card), "what is left of this card's 24-hour total"]);
  const [minor, because] = limits.reduce((a, b) => (b[0] < a[0] ? b : a));
  return { minor: minor.toString(), because };
}

/** What a held change's notice shows (lib/budgets/gate.ts HeldChange carries these). */
export interface HeldChangeWords {
  summary: string;
  reason: string;
}
