import 'server-only';
import { getAccountsConfig, getAvailableBalances } from '@/lib/accounts/queries';
import type { Account, CardVisual } from '@/lib/accounts/types';
import { getSettings } from '@/lib/settings/queries';
import type { AssignContext } from './assign-schema';
import { getMccCategories } from './mcc-settings';
import type { MccCategory } from './mcc';

// The server data the assign form is checked against (accounts, visuals, MCC categories) and,
// for the page, what it needs to fill itself in (default time zone, balances for warnings).

export interface AssignServerContext extends AssignContext {
  accounts: Account[];
  visuals: CardVisual[];
  mccCategories: MccCategory[];
  defaultTimezone: string;
  accountsSource: 'sandbox' | 'settings' | 'environment' | 'none';
}

export async function loadAssignContext(): Promise<AssignServerContext> {
  const [accounts, mccCategories, settings] = await Promise.all([getAccountsConfig(), getMccCategories(), getSettings()]);
  return {
    accounts: accounts.accounts,
    visuals: accounts.visuals,
    mccCategories,
    defaultTimezone: settings['display.timezone'],
    accountsSource: accounts.source,
  };
}

export interface AssignPageData extends AssignServerContext {
  /** Available balance per Card Alias ID (minor units), null when unknown. */
  balances: Record<string, number | null>;
}

export async function loadAssignPageData(): Promise<AssignPageData> {
  const context = await loadAssignContext();
  return { ...context, balances: await getAvailableBalances(context.accounts) };
}
