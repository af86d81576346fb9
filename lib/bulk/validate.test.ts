import { describe, expect, it } from 'vitest';
import { assignFormSchema } from '@/lib/approvals/assign-schema';
import { DEFAULT_MCC_CATEGORIES } from '@/lib/approvals/mcc';
import type { BulkCells } from './parse';
import { assignValuesFromCells, validateBulkRow, type BulkContext } from './validate';

const year = new Date().getUTCFullYear() + 1;

const context: BulkContext = {
  cardAliasId: 'alias-1',
  currency: 'PLN',
  timezone: 'Europe/Warsaw',
  accounts: [{ cardAliasId: 'alias-1', currency: 'PLN', name: 'Main' }],
  visuals: [{ id: 'visual-1' }],
  mccCategories: DEFAULT_MCC_CATEGORIES,
};

const good: BulkCells = {
  operation: 'assign',
  email: 'ewa@example.com',
  phonePrefix: '48',
  phoneNumber: '600100200',
  totalAmount: '1500.00',
  startDate: `${year}-01-01`,
  endDate: `${year}-12-31`,
  limitGeneral: '500:weekly',
  limitAtm: 'disabled',
  mccBlock: 'gambling|7995;5999-6000',
  tags: 'sales;q1',
  visualId: 'visual-1',
  description: 'Sales team',
};

describe('validateBulkRow: assign rows', () => {
  it('accepts a good row', () => {
    expect(validateBulkRow(good, context)).toEqual({ operation: 'assign', errors: [] });
    expect(validateBulkRow({ ...good, operation: '' }, context)).toEqual({ operation: 'assign', errors: [] });
  });

  it('puts each problem on its own cell', () => {
    const row = {
      ...good,
      email: 'not-an-email',
      phonePrefix: '+',
      totalAmount: '12.345',
      endDate: '31.12.2030',
      timezone: 'Mars/Base',
      limitEcommerce: '100',
      limitForeign: '100:yearly',
      limitGeneral: 'abc:daily',
      mccBlock: 'yachts|58x',
      visualId: 'unknown',
      tags: 'x'.repeat(41),
      description: 'd'.repeat(101),
    };
    const { errors } = validateBulkRow(row, context);
    const byColumn: Record<string, string> = {};
    for (const e of errors) byColumn[e.column] = byColumn[e.column] ? `${byColumn[e.column]} / ${e.message}` : e.message;
    expect(byColumn).toEqual({
      email: 'Enter a valid e-mail address, like name@company.com',
      phonePrefix: 'Enter the country calling code, e.g. 48',
      totalAmount: 'Budget: use at most 2 decimal places',
      timezone: 'Choose a time zone from the list',
      limitEcommerce: 'Write amount:period (e.g. 200:weekly), default or disabled',
      limitForeign: 'Unknown period "yearly": use daily, weekly or monthly',
      limitGeneral: 'General limit: enter an amount like 1,250.50',
      mccBlock: 'MCC codes: not a four-digit MCC code or range: 58x / Unknown merchant categories: yachts',
      visualId: 'Choose one of the company’s card visuals',
      tags: 'A tag can have at most 40 characters',
      description: 'The description can have at most 100 characters',
    });
    // Dates cannot be judged before the zone is right: with a good zone the end date gets its message.
    expect(validateBulkRow({ ...good, endDate: '31.12.2030' }, context).errors).toEqual([
      { column: 'endDate', message: 'End date: use the form YYYY-MM-DD (optionally with a time, HH:MM)' },
    ]);
    expect(validateBulkRow({ ...good, mccBlock: 'yachts|5812' }, context).errors).toEqual([
      { column: 'mccBlock', message: 'Unknown merchant categories: yachts' },
    ]);
  });

  it('needs the contact, the budget and the dates', () => {
    const { errors } = validateBulkRow({ operation: 'assign' }, context);
    expect(errors.map((e) => e.column).sort()).toEqual(['email', 'endDate', 'phoneNumber', 'phonePrefix', 'startDate', 'totalAmount']);
  });

  it('refuses both MCC columns at once and an unknown operation', () => {
    expect(validateBulkRow({ ...good, mccAllow: '5812' }, context).errors).toEqual([{ column: 'mccBlock', message: 'Fill mccAllow or mccBlock, not both' }]);
    expect(validateBulkRow({ ...good, operation: 'delete' }, context)).toEqual({ operation: null, errors: [{ column: 'operation', message: 'The operation must be assign or edit' }] });
  });

  it('builds the same form values the assign form would send', () => {
    const { values } = assignValuesFromCells(good, context, '7d3f1c2a-4b5e-4f60-8a71-92b3c4d5e6f7');
    const form = assignFormSchema.parse(values);
    expect(form).toMatchObject({
      cardAliasId: 'alias-1',
      budgetMinor: 150000n,
      limits: { general: { mode: 'amount', amountMinor: 50000n, period: 'weekly' }, atm: { mode: 'disabled' }, ecommerce: { mode: 'default' } },
      mcc: { mode: 'block', categories: ['gambling'], codes: ['5999', '6000', '7995'] },
      tags: ['sales', 'q1'],
      visualId: 'visual-1',
    });
    expect(form.validity.timezone).toBe('Europe/Warsaw');
  });
});

describe('validateBulkRow: edit rows', () => {
  it('checks only the cells the row fills', () => {
    expect(validateBulkRow({ operation: 'edit', approvalId: 'a1b2', totalAmount: '2000' }, context)).toEqual({ operation: 'edit', errors: [] });
    expect(validateBulkRow({ operation: 'edit', approvalId: 'a1b2', limitAtm: '50:week', email: 'ignored' }, context).errors).toEqual([]);
    expect(validateBulkRow({ operation: 'edit', approvalId: 'a1b2', totalAmount: 'x', endDate: '2020-01-01' }, context).errors).toEqual([
      { column: 'totalAmount', message: 'Budget: enter an amount like 1,250.50' },
      { column: 'endDate', message: 'The end date must be in the future' },
    ]);
  });

  it('needs an approval id and something to change', () => {
    expect(validateBulkRow({ operation: 'edit' }, context).errors).toEqual([
      { column: 'approvalId', message: 'An edit row needs the approvalId of the card to change' },
      { column: 'row', message: 'An edit row must fill at least one column to change' },
    ]);
  });
});
