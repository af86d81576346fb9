// What the dashboard page receives: plain JSON, money as decimal strings of minor units.

export interface AccountBalance {
  name: string;
  cardAliasId: string;
  balanceId: string | null;
  currency: string;
  /** Budget still available on DELIVERED approvals of this account: what cards may yet spend. */
  allocatedMinor: string;
  /** Null when the balance could not be read (see `error`). */
  reading: {
    availableMinor: string;
    blockedMinor: string | null;
    /** When the panel asked Sparados. */
    readAt: string;
    /** When Sparados says the balance last changed, if it says. */
    sparadosUpdatedAt: string | null;
    belowThreshold: boolean;
  } | null;
  error: string | null;
}

export interface DashboardSpend {
  primaryCurrency: string;
  /** First day of this and last month (YYYY-MM-DD, display time zone). */
  thisMonthLabel: string;
  lastMonthLabel: string;
  months: Array<{ currency: string; thisMonthMinor: string; lastMonthMinor: string; lastMonthToDateMinor: string }>;
  /** Spend per local day over the last 30 days, in the primary currency, oldest first. */
  daily: Array<{ day: string; amountMinor: string }>;
  /** This month, primary currency, largest first. */
  byCategory: Array<{ key: string; label: string; amountMinor: string }>;
  byCardholder: Array<{ holderId: string | null; name: string; amountMinor: string }>;
}

export interface DashboardData {
  generatedAt: string;
  timeZone: string;
  /** The low-balance alert threshold (Settings), minor units of each account's currency. */
  thresholdMinor: string;
  accountsError: string | null;
  balances: AccountBalance[];
  spend: DashboardSpend;
  /** Change requests (CREATED reapprovals) waiting for an answer. */
  pendingRequests: number;
  expiring: { days: number; count: number; cards: Array<{ id: string; endDate: string; description: string | null; holder: string }> };
  declines24h: { count: number; byReason: Array<{ reason: string | null; count: number }> };
}
