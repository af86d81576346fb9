'use server';

import { ACCOUNTS_SETTING_KEY } from '@/lib/accounts/schema';
import { MCC_SETTING_KEY } from '@/lib/approvals/mcc-settings';
import { defineAction } from '@/lib/actions/define-action';
import { accountsChangePhrases, accountsChangeSentence } from './accounts-changes';
import { accountsFormSchema } from './accounts-form';
import { accountsFromValue, mccCategoriesFromValue } from './catalog-queries';
import { diffMccCategories, isEmptyChange, mccChangeSentence } from './mcc-categories-changes';
import { mccCategoriesFormSchema } from './mcc-categories-form';
import { readSettingAt, writeSettingAt } from './write-setting';

// Settings → the two catalogs the assign form offers (ADMIN): named merchant categories
// (docs/decisions/072) and the accounts with card visuals (docs/decisions/071). Each replaces its
// whole Settings row on the version the editor loaded, and audits what changed as one sentence.
// A save that changes nothing writes nothing.

/** Pages that show either catalog; /cards/new is where the assign form offers them. */
const CATALOG_PATHS = ['/settings', '/cards/new', '/cards/bulk'];

export const updateMccCategories = defineAction({
  name: 'settings.mcc_categories',
  permission: 'settings.manage',
  schema: mccCategoriesFormSchema,
  transaction: true,
  revalidate: CATALOG_PATHS,
  async run(input, { db, user }) {
    const stored = await readSettingAt(db, MCC_SETTING_KEY, input.revision, 'merchant categories');
    const before = mccCategoriesFromValue(stored.value);
    const change = diffMccCategories(before.categories, input.categories);
    // A broken row is replaced even when the list reads the same: the readers were using the defaults.
    if (isEmptyChange(change) && before.state === 'saved') return { saved: false, revision: stored.revision, before: before.categories, after: input.categories, change };
    const revision = await writeSettingAt(db, MCC_SETTING_KEY, input.revision, input.categories, user.id, 'merchant categories');
    return { saved: true, revision, before: before.categories, after: input.categories, change };
  },
  audit: (_input, data, { user }) =>
    data.saved
      ? {
          action: 'settings.mcc_categories',
          summary: isEmptyChange(data.change) ? `${user.name} saved the merchant categories again, replacing a stored list the panel could not read.` : mccChangeSentence(user.name, data.change, data.after),
          targetType: 'Setting',
          targetId: MCC_SETTING_KEY,
          before: data.before,
          after: data.after,
        }
      : null,
});

export const updateAccounts = defineAction({
  name: 'settings.accounts',
  permission: 'settings.manage',
  schema: accountsFormSchema,
  transaction: true,
  revalidate: CATALOG_PATHS,
  async run(input, { db, user }) {
    const stored = await readSettingAt(db, ACCOUNTS_SETTING_KEY, input.revision, 'accounts and card visuals');
    const before = accountsFromValue(stored.value);
    const after = { accounts: input.accounts, visuals: input.visuals };
    const phrases = accountsChangePhrases(before.setting, after);
    if (phrases.length === 0 && before.state === 'saved') return { saved: false, revision: stored.revision, before: before.setting, after, phrases };
    // getAccountsConfig() reads this row on every call (no cache in front of it), so the next
    // assign form offers the new list at once.
    const revision = await writeSettingAt(db, ACCOUNTS_SETTING_KEY, input.revision, after, user.id, 'accounts and card visuals');
    return { saved: true, revision, before: before.setting, after, phrases };
  },
  audit: (_input, data, { user }) =>
    data.saved
      ? {
          action: 'settings.accounts',
          summary:
            data.phrases.length === 0
              ? `${user.name} saved the accounts and card visuals again, replacing a stored list the panel could not read.`
              : accountsChangeSentence(user.name, data.phrases),
          targetType: 'Setting',
          targetId: ACCOUNTS_SETTING_KEY,
          before: data.before,
          after: data.after,
        }
      : null,
});
