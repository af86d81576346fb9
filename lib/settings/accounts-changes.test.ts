import { describe, expect, it } from 'vitest';
import type { AccountsSetting } from '@/lib/accounts/schema';
import { accountsChangePhrases, accountsChangeSentence } from './accounts-changes';

const main = { cardAliasId: 'ca-1', balanceId: 'bal-1', name: 'Main', currency: 'PLN' };
const travel = { cardAliasId: 'ca-2', balanceId: null, name: 'Travel', currency: 'EUR' };
const before: AccountsSetting = { accounts: [main, travel], visuals: [{ id: 'v-red', name: 'Red' }, { id: 'v-blue', name: 'Blue' }] };

describe('accountsChangePhrases', () => {
  it('matches accounts by Card Alias ID and visuals by id', () => {
    const after: AccountsSetting = {
      accounts: [{ ...main, name: 'Main PLN', balanceId: null }, { cardAliasId: 'ca-3', balanceId: 'bal-3', name: 'Events', currency: 'PLN' }],
      visuals: [{ id: 'v-blue', name: 'Navy' }],
    };
    expect(accountsChangePhrases(before, after)).toEqual([
      "changed account ca-1: name 'Main' → 'Main PLN', balance id bal-1 → none",
      "added account 'Events' (Card Alias ID ca-3, PLN)",
      "removed account 'Travel' (Card Alias ID ca-2)",
      "renamed visual v-blue from 'Blue' to 'Navy'",
      "removed visual 'Red' (v-red)",
    ]);
  });

  it('treats a first save as additions, sees nothing in an identical list, and sees a new order', () => {
    expect(accountsChangePhrases(null, { accounts: [main], visuals: [] })).toEqual(["added account 'Main' (Card Alias ID ca-1, PLN)"]);
    expect(accountsChangePhrases(before, structuredClone(before))).toEqual([]);
    expect(accountsChangePhrases(before, { ...before, accounts: [travel, main] })).toEqual(['changed the order of the accounts']);
  });
});

describe('accountsChangeSentence', () => {
  it('joins the phrases into one sentence', () => {
    expect(accountsChangeSentence('Anna Nowak', ["removed visual 'Red' (v-red)", 'changed the order of the accounts'])).toBe(
      "Anna Nowak changed the accounts and card visuals: removed visual 'Red' (v-red), changed the order of the accounts.",
    );
    expect(accountsChangeSentence('Anna Nowak', ["added account 'Events' (Card Alias ID ca-3, PLN)", "removed visual 'Red' (v-red)"])).toBe(
      "Anna Nowak changed the accounts and card visuals: added account 'Events' (Card Alias ID ca-3, PLN); removed visual 'Red' (v-red).",
    );
  });
});
