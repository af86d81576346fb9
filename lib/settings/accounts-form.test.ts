import { describe, expect, it } from 'vitest';
import { accountsSettingSchema } from '@/lib/accounts/schema';
import { fieldErrorsFromZod } from '@/lib/actions/input';
import { accountsFormSchema, toAccountRows, type AccountRow, type VisualRow } from './accounts-form';

const main: AccountRow = { name: 'Main account', cardAliasId: 'ca-main-1', balanceId: 'bal-1', currency: 'PLN' };

function errorsOf(accounts: AccountRow[], visuals: VisualRow[] = []) {
  const result = accountsFormSchema.safeParse({ revision: null, accounts, visuals });
  if (result.success) throw new Error('expected the list to be refused');
  return fieldErrorsFromZod(result.error);
}

describe('accountsFormSchema', () => {
  it('trims, upper-cases the currency, turns an empty balance id into none, and gives what the readers accept', () => {
    const result = accountsFormSchema.parse({
      revision: null,
      accounts: [main, { name: ' Travel ', cardAliasId: ' ca-travel ', balanceId: '  ', currency: 'eur' }],
      visuals: [{ id: 'v-blue', name: 'Blue' }],
    });
    expect(result).toEqual({
      revision: null,
      accounts: [
        { name: 'Main account', cardAliasId: 'ca-main-1', balanceId: 'bal-1', currency: 'PLN' },
        { name: 'Travel', cardAliasId: 'ca-travel', balanceId: null, currency: 'EUR' },
      ],
      visuals: [{ id: 'v-blue', name: 'Blue' }],
    });
    expect(accountsSettingSchema.safeParse({ accounts: result.accounts, visuals: result.visuals }).success).toBe(true);
  });

  it('names the row and the field in every message', () => {
    const errors = errorsOf([main, { name: '', cardAliasId: 'ca main', balanceId: 'b 1', currency: 'EURO' }], [{ id: '', name: 'x'.repeat(81) }]);
    expect(errors['accounts.1.name']).toEqual(['Account 2, name: enter a name']);
    expect(errors['accounts.1.cardAliasId']).toEqual(['Account 2, Card Alias ID: no spaces inside an id']);
    expect(errors['accounts.1.balanceId']).toEqual(['Account 2, balance id: no spaces inside an id']);
    expect(errors['accounts.1.currency']).toEqual(['Account 2, currency: “EURO” is not an ISO 4217 currency code (three letters, e.g. PLN)']);
    expect(errors['visuals.0.id']).toEqual(['Visual 1, id: enter the visual id from the Corporate Panel']);
    expect(errors['visuals.0.name']).toEqual(['Visual 1, name: at most 80 characters']);
  });

  it('refuses a Card Alias ID or a visual id used twice, and three letters that are no currency', () => {
    const errors = errorsOf(
      [main, { ...main, name: 'Copy', currency: 'XYZ' }],
      [
        { id: 'v1', name: 'One' },
        { id: 'v1', name: 'Again' },
      ],
    );
    expect(errors['accounts.1.cardAliasId']).toEqual(['Account 2, Card Alias ID: ca-main-1 is already account 1']);
    expect(errors['accounts.1.currency']).toEqual(['Account 2, currency: “XYZ” is not an ISO 4217 currency code (three letters, e.g. PLN)']);
    expect(errors['visuals.1.id']).toEqual(['Visual 2, id: v1 is already visual 1']);
  });

  it('needs at least one account', () => {
    expect(errorsOf([]).accounts).toEqual(['Add at least one account: cards are assigned on an account']);
  });

  it('turns a stored setting into rows and back', () => {
    const rows = toAccountRows({ accounts: [{ ...main, balanceId: null }], visuals: [{ id: 'v', name: 'V' }] });
    expect(rows.accounts[0]!.balanceId).toBe('');
    expect(accountsFormSchema.parse({ revision: null, ...rows }).accounts[0]!.balanceId).toBeNull();
    expect(toAccountRows(null)).toEqual({ accounts: [], visuals: [] });
  });
});
