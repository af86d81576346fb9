import type { TransactionTab } from './filters';

// What the transactions pages receive: plain JSON (money as decimal strings of minor units, dates as
// ISO strings), so the same objects come from a server render and from a route handler.

export type MirrorStatus = 'AUTHORIZED' | 'DECLINED' | 'CLEARED' | 'REVERSED' | 'UNKNOWN';

export interface TransactionRow {
  id: string;
  sparadosId: string;
  type: string;
  status: MirrorStatus;
  statusRaw: string;
  /** Signed, in `currency` (the balance currency): refunds and payments are negative. */
  amountMinor: string;
  currency: string;
  /** The amount in the currency the payment was made in, when that differs from `currency`. */
  foreign: { amountMinor: string; currency: string } | null;
  merchantName: string | null;
  mcc: string | null;
  /** Label of the named MCC category the code belongs to (Settings), if any. */
  category: string | null;
  merchantCountry: string | null;
  declineReason: string | null;
  cardId: string | null;
  sparadosCardId: string | null;
  cardLast4: string | null;
  cardDescription: string | null;
  holder: { id: string; name: string; email: string } | null;
  approvalSparadosId: string | null;
  occurredAt: string;
  sparadosUpdatedAt: string;
  syncedAt: string;
}

export interface CurrencyTotals {
  currency: string;
  /** AUTHORIZED: money blocked, not settled yet. */
  pendingCount: number;
  pendingMinor: string;
  /** CLEARED: settled. */
  settledCount: number;
  settledMinor: string;
  declinedCount: number;
  reversedCount: number;
  /** Pending plus settled: what the filtered set costs. */
  netMinor: string;
}

export interface TransactionTotals {
  /** Rows in the chosen tab under the filters. */
  count: number;
  /** Rows of each tab under the same filters (the tab badges). */
  tabCounts: Record<TransactionTab, number>;
  byCurrency: CurrencyTotals[];
}

export interface TransactionPage {
  rows: TransactionRow[];
  /** Cursor of the next (older) page, null on the last one. */
  next: string | null;
  /** Cursor of the previous (newer) page, null on the first one. */
  prev: string | null;
  /** When the page was read: the "newer than" poll asks for rows synced after it. */
  generatedAt: string;
}

export interface TransactionDetail extends TransactionRow {
  /** Other THC records with the same id (a purchase and its refund share one), oldest first. */
  related: TransactionRow[];
  card: { id: string; description: string | null; status: string | null; cardStatus: string | null } | null;
}

export interface NewerThan {
  /** Rows (at most 100 counted) inserted or changed after `since` under the filters. */
  count: number;
  latest: string | null;
}
