import 'server-only';
import { request } from 'undici';
import { z } from 'zod';
import { db } from '@/lib/db';
import { getSparadosClient, isSparadosError, type SparadosClient } from '@/lib/sparados';
import { ACCOUNTS_SETTING_KEY, accountsSettingSchema } from './schema';
import type { Account, AccountsConfig } from './types';

// Which accounts (Card Alias IDs) and card visuals the corporation has. No Sparados API lists them:
// the sandbox publishes its corporation fixture on its control API; on BETA/PROD an admin copies
// them from the Corporate Panel into the `sparados.accounts` setting, and without it the single
// SPARADOS_CARD_ALIAS_ID / SPARADOS_BALANCE_ID pair of the environment is used.

const sandboxCorporationSchema = z.object({
  currency: z.string(),
  balances: z.array(z.object({ balanceId: z.string(), cardAliasId: z.string(), name: z.string().optional() })),
  visuals: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
});

const CACHE_MS = 60_000;
let cached: { at: number; value: AccountsConfig } | undefined;

async function fromSandbox(client: SparadosClient): Promise<AccountsConfig> {
  const url = new URL('/_sandbox/corporation', client.config.baseUrls.full);
  const response = await request(url, { dispatcher: client.transport.dispatcher, headersTimeout: 5_000, bodyTimeout: 5_000 });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`sandbox corporation: HTTP ${response.statusCode}`);
  const corporation = sandboxCorporationSchema.parse(JSON.parse(text));
  return {
    source: 'sandbox',
    accounts: corporation.balances.map((b, index) => ({
      cardAliasId: b.cardAliasId,
      balanceId: b.balanceId,
      name: b.name ?? `Account ${index + 1}`,
      currency: corporation.currency,
    })),
    visuals: corporation.visuals,
  };
}

async function fromSettingsOrEnvironment(client: SparadosClient): Promise<AccountsConfig> {
  const row = await db.setting.findUnique({ where: { key: ACCOUNTS_SETTING_KEY } });
  if (row) {
    const parsed = accountsSettingSchema.safeParse(row.value);
    if (parsed.success) return { source: 'settings', ...parsed.data };
    console.error(JSON.stringify({ level: 'error', message: `setting ${ACCOUNTS_SETTING_KEY} is invalid`, issues: parsed.error.issues }));
  }
  const { cardAliasId, balanceId } = client.config;
  if (!cardAliasId) return { source: 'none', accounts: [], visuals: [] };
  // The balance tells the currency; without a balance id the setting is the only way to name it.
  const currency = balanceId ? (await client.getBalance(balanceId)).currency : 'EUR';
  return { source: 'environment', accounts: [{ cardAliasId, balanceId, name: 'Main account', currency }], visuals: [] };
}

export async function getAccountsConfig(): Promise<AccountsConfig> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const client = getSparadosClient();
  const value = client.config.environment === 'sandbox' ? await fromSandbox(client) : await fromSettingsOrEnvironment(client);
  cached = { at: Date.now(), value };
  return value;
}

export async function findAccount(cardAliasId: string): Promise<Account | null> {
  return (await getAccountsConfig()).accounts.find((a) => a.cardAliasId === cardAliasId) ?? null;
}

/**
 * Available balance of each account (minor units), for the "budget exceeds the balance" warning.
 * null when the account has no balance id or Sparados did not answer: the warning is then skipped.
 */
export async function getAvailableBalances(accounts: readonly Account[]): Promise<Record<string, number | null>> {
  const client = getSparadosClient();
  const entries = await Promise.all(
    accounts.map(async (account): Promise<[string, number | null]> => {
      if (!account.balanceId) return [account.cardAliasId, null];
      try {
        return [account.cardAliasId, (await client.getBalance(account.balanceId, { deadlineMs: 3_000 })).availableMinor];
      } catch (error) {
        if (isSparadosError(error)) return [account.cardAliasId, null];
        throw error;
      }
    }),
  );
  return Object.fromEntries(entries);
}
