// Client-safe shapes of the corporation's accounts and card visuals (see queries.ts for where they come from).

/** An account cards can be assigned on. Approvals carry `cardAliasId`; balance checks use `balanceId`. */
export interface Account {
  cardAliasId: string;
  /** Payment account id for GET /balances; null when not configured (then no balance is shown). */
  balanceId: string | null;
  name: string;
  currency: string;
}

export interface CardVisual {
  id: string;
  name: string;
}

export interface AccountsConfig {
  accounts: Account[];
  visuals: CardVisual[];
  /** Where the list came from, for the settings page and for messages. */
  source: 'sandbox' | 'settings' | 'environment' | 'none';
}
