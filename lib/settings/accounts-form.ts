import { z } from 'zod';
import { accountsSettingSchema, type AccountsSetting } from '@/lib/accounts/schema';
import { isCurrencyCode } from '@/lib/money';
import { settingRevisionSchema } from './setting-revision';

// Settings → accounts and card visuals (the `sparados.accounts` row, docs/decisions/071), as the
// editor sends them: every field a string, the balance id empty when there is none. One schema for
// the browser and the server; each message names its row and field. Client-safe.

export const MAX_ACCOUNTS = 50;
export const MAX_VISUALS = 100;
const NAME_MAX = 80;
const ID_MAX = 100;
const ID_PATTERN = /^\S+$/;

export interface AccountRow {
  name: string;
  cardAliasId: string;
  /** Empty when the account has no payment account id (then no balance is shown or checked). */
  balanceId: string;
  currency: string;
}

export interface VisualRow {
  id: string;
  name: string;
}

export function toAccountRows(setting: AccountsSetting | null): { accounts: AccountRow[]; visuals: VisualRow[] } {
  return {
    accounts: (setting?.accounts ?? []).map((a) => ({ name: a.name, cardAliasId: a.cardAliasId, balanceId: a.balanceId ?? '', currency: a.currency })),
    visuals: (setting?.visuals ?? []).map((v) => ({ id: v.id, name: v.name })),
  };
}

const text = (what: string) => z.string({ error: `Reload the page: ${what} is missing` });

/** The problem with a name or id, or null. */
function checkName(value: string): string | null {
  if (!value) return 'enter a name';
  return value.length > NAME_MAX ? `at most ${NAME_MAX} characters` : null;
}

function checkId(value: string, what: string): string | null {
  if (!value) return `enter the ${what} from the Corporate Panel`;
  if (value.length > ID_MAX) return `at most ${ID_MAX} characters`;
  return ID_PATTERN.test(value) ? null : 'no spaces inside an id';
}

export const accountsFormSchema = z
  .object({
    revision: settingRevisionSchema,
    accounts: z.array(z.object({ name: text('an account name'), cardAliasId: text('a Card Alias ID'), balanceId: text('a balance id'), currency: text('a currency') })),
    visuals: z.array(z.object({ id: text('a visual id'), name: text('a visual name') })),
  })
  .transform((value, ctx) => {
    let failed = false;
    const fail = (path: Array<string | number>, message: string) => {
      failed = true;
      ctx.addIssue({ code: 'custom', path, message });
    };
    if (value.accounts.length === 0) fail(['accounts'], 'Add at least one account: cards are assigned on an account');
    if (value.accounts.length > MAX_ACCOUNTS) fail(['accounts'], `At most ${MAX_ACCOUNTS} accounts`);
    if (value.visuals.length > MAX_VISUALS) fail(['visuals'], `At most ${MAX_VISUALS} card visuals`);

    const aliasSeen = new Map<string, number>();
    const accounts = value.accounts.map((row, index) => {
      const at = (field: keyof AccountRow, message: string) => fail(['accounts', index, field], `Account ${index + 1}, ${message}`);
      const account = {
        name: row.name.trim().replace(/\s+/g, ' '),
        cardAliasId: row.cardAliasId.trim(),
        balanceId: row.balanceId.trim() || null,
        currency: row.currency.trim().toUpperCase(),
      };
      const nameProblem = checkName(account.name);
      if (nameProblem) at('name', `name: ${nameProblem}`);
      const aliasProblem = checkId(account.cardAliasId, 'Card Alias ID');
      const firstAlias = aliasSeen.get(account.cardAliasId);
      if (aliasProblem) at('cardAliasId', `Card Alias ID: ${aliasProblem}`);
      else if (firstAlias !== undefined) at('cardAliasId', `Card Alias ID: ${account.cardAliasId} is already account ${firstAlias + 1}`);
      else aliasSeen.set(account.cardAliasId, index);
      const balanceProblem = account.balanceId === null ? null : checkId(account.balanceId, 'balance id');
      if (balanceProblem) at('balanceId', `balance id: ${balanceProblem}`);
      if (!account.currency) at('currency', 'currency: enter the ISO 4217 code, e.g. PLN');
      else if (!/^[A-Z]{3}$/.test(account.currency) || !isCurrencyCode(account.currency)) at('currency', `currency: “${row.currency.trim()}” is not an ISO 4217 currency code (three letters, e.g. PLN)`);
      return account;
    });

    const visualSeen = new Map<string, number>();
    const visuals = value.visuals.map((row, index) => {
      const at = (field: keyof VisualRow, message: string) => fail(['visuals', index, field], `Visual ${index + 1}, ${message}`);
      const visual = { id: row.id.trim(), name: row.name.trim().replace(/\s+/g, ' ') };
      const idProblem = checkId(visual.id, 'visual id');
      const firstId = visualSeen.get(visual.id);
      if (idProblem) at('id', `id: ${idProblem}`);
      else if (firstId !== undefined) at('id', `id: ${visual.id} is already visual ${firstId + 1}`);
      else visualSeen.set(visual.id, index);
      const nameProblem = checkName(visual.name);
      if (nameProblem) at('name', `name: ${nameProblem}`);
      return visual;
    });

    if (failed) return z.NEVER;
    // What is saved must be what getAccountsConfig() accepts (lib/accounts/schema.ts).
    const stored = accountsSettingSchema.safeParse({ accounts, visuals });
    if (!stored.success) {
      fail([], `The list does not match what the panel reads: ${stored.error.issues[0]?.message}`);
      return z.NEVER;
    }
    return { revision: value.revision, ...stored.data };
  });

export type AccountsFormInput = z.input<typeof accountsFormSchema>;
export type AccountsForm = z.output<typeof accountsFormSchema>;
