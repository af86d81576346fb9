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

// Reads that cost a network call (the sandbox fixture, the environment account's balance) are kept
// for a minute per client. The Settings row is not: it is one indexed read, and reading it every time
// means a save in Settings reaches the assign form at once, in every server process.
const CACHE_MS = 60_000;
const cache = new WeakMap<SparadosClient, { at: number; value: AccountsConfig }>();

async function cached(client: SparadosClient, load: () => Promise<AccountsConfig>): Promise<AccountsConfig> {
  const hit = cache.get(client);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await load();
  cache.set(client, { at: Date.now(), value });
  return value;
}

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

/** The version of the row last reported as invalid: once per version, not on every read. */
let reportedInvalid: number | undefined;

async function fromSettings(): Promise<AccountsConfig | null> {
  const row = await db.setting.findUnique({ where: { key: ACCOUNTS_SETTING_KEY } });
  if (!row) return null;
  const parsed = accountsSettingSchema.safeParse(row.value);
  if (parsed.success) return { source: 'settings', ...parsed.data };
  if (reportedInvalid === row.updatedAt.getTime()) return null;
  reportedInvalid = row.updatedAt.getTime();
  console.error(JSON.stringify({ level: 'error', message: `setting ${ACCOUNTS_SETTING_KEY} is invalid`, issues: parsed.error.issues }));
  return null;
}

async function fromEnvironment(client: SparadosClient): Promise<AccountsConfig> {
  const { cardAliasId, balanceId } = client.config;
  if (!cardAliasId) return { source: 'none', accounts: [], visuals: [] };
  // The balance tells the currency; without a balance id the setting is the only way to name it.
  const currency = balanceId ? (await client.getBalance(balanceId)).currency : 'EUR';
  return { source: 'environment', accounts: [{ cardAliasId, balanceId, name: 'Main account', currency }], visuals: [] };
}

/** Sandbox: the sandbox's own fixture. BETA/PROD: the `sparados.accounts` row, else the environment's account. */
export async function getAccountsConfig(client: SparadosClient = getSparadosClient()): Promise<AccountsConfig> {
  if (client.config.environment === 'sandbox') return cached(client, () => fromSandbox(client));
  return (await fromSettings()) ?? cached(client, () => fromEnvironment(client));
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
