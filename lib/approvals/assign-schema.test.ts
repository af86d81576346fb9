import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assignFormSchema, assignWarnings, checkAssignContext, fieldLabel, splitTags, type AssignFormValues } from './assign-schema';
import { defaultLimitsForm } from './limits';
import { DEFAULT_MCC_CATEGORIES } from './mcc';

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

function valid(overrides: Partial<AssignFormValues> = {}): AssignFormValues {
  return {
    idempotencyKey: '7d3f1c2a-4b5e-4f60-8a71-92b3c4d5e6f7',
    cardholder: { kind: 'new', fullApi: false, email: 'Ewa.Nowak@Example.com ', phonePrefix: '+48', phoneNumber: '600 100 200' },
    cardAliasId: 'c6a1e0f2-7d34-4b8e-9e21-5f0a3b7c9d14',
    currency: 'PLN',
    budget: '1 500,50',
    startDate: `${NEXT_YEAR}-01-01`,
    endDate: `${NEXT_YEAR}-03-31`,
    timezone: 'Europe/Warsaw',
    limits: defaultLimitsForm(),
    ...overrides,
  };
}

function errorsOf(values: unknown): Record<string, string[]> {
  const result = assignFormSchema.safeParse(values);
  if (result.success) return {};
  return z.flattenError(result.error).fieldErrors as Record<string, string[]>;
}

/** Issues keyed by their full dotted path (as the action wrapper reports them). */
function pathErrors(values: unknown): Record<string, string[]> {
  const result = assignFormSchema.safeParse(values);
  const out: Record<string, string[]> = {};
  if (result.success) return out;
  for (const issue of result.error.issues) (out[issue.path.join('.')] ??= []).push(issue.message);
  return out;
}

describe('assignFormSchema', () => {
  it('parses a complete Simple API form into minor units, instants and clean contact data', () => {
    const form = assignFormSchema.parse(valid({ tags: ['travel', 'travel', 'sales'], description: '  Trip to Berlin ' }));
    expect(form.budgetMinor).toBe(150050n);
    expect(form.cardholder).toMatchObject({ kind: 'new', email: 'ewa.nowak@example.com', phonePrefix: '48', phoneNumber: '600100200' });
    // Midnight in Warsaw (UTC+1 in winter) and the last millisecond of 31 March (UTC+2 in summer).
    expect(form.validity.start.toISOString()).toBe(`${NEXT_YEAR - 1}-12-31T23:00:00.000Z`);
    expect(form.validity.end.toISOString()).toBe(`${NEXT_YEAR}-03-31T21:59:59.999Z`);
    expect(form.limits.general).toEqual({ mode: 'default' });
    expect(form.mcc).toEqual({ mode: 'none', categories: [], codes: [] });
    expect(form.tags).toEqual(['travel', 'sales']);
    expect(form.description).toBe('Trip to Berlin');
    expect(form.visualId).toBeNull();
  });

  it('names the field of every cardholder error', () => {
    expect(pathErrors(valid({ cardholder: { kind: 'new', email: 'nope', phonePrefix: '+', phoneNumber: '12' } }))).toEqual({
      'cardholder.email': ['Enter a valid e-mail address, like name@company.com'],
      'cardholder.phonePrefix': ['Enter the country calling code, e.g. 48'],
      'cardholder.phoneNumber': ['The phone number has 5 to 15 digits, without the country code'],
    });
    expect(pathErrors(valid({ cardholder: { kind: 'new', email: '', phonePrefix: '48000', phoneNumber: '600100200', nationality: 'XX', birthDate: '1990-02-30' } }))).toEqual({
      'cardholder.email': ['Enter the e-mail address'],
      'cardholder.phonePrefix': ['The phone prefix has 1 to 4 digits, e.g. 48 (without +)'],
      'cardholder.nationality': ['Nationality: use a two-letter country code, e.g. PL'],
      'cardholder.birthDate': ['Enter a real date of birth in the past'],
    });
    expect(pathErrors(valid({ cardholder: { kind: 'existing', cardholderId: 'abc' } }))).toEqual({
      'cardholder.cardholderId': ['Choose a cardholder from the list'],
    });
    expect(pathErrors(valid({ cardholder: { kind: 'sparadosUser', sparadosUserId: ' ' } }))).toEqual({
      'cardholder.sparadosUserId': ['Enter the Sparados user id'],
    });
    expect(pathErrors(valid({ cardholder: { kind: 'robot' } as never }))).toEqual({ 'cardholder.kind': ['Choose who gets the card'] });
  });

  it('needs names, birth date and nationality when a Sparados user is to be created', () => {
    expect(pathErrors(valid({ cardholder: { kind: 'new', fullApi: true, email: 'a@b.pl', phonePrefix: '48', phoneNumber: '600100200' } }))).toEqual({
      'cardholder.firstName': ['Enter the first name (needed to create a Sparados user)'],
      'cardholder.lastName': ['Enter the last name (needed to create a Sparados user)'],
      'cardholder.birthDate': ['Enter the date of birth (needed to create a Sparados user)'],
      'cardholder.nationality': ['Enter the nationality (needed to create a Sparados user)'],
    });
    const ok = assignFormSchema.parse(
      valid({
        cardholder: { kind: 'new', fullApi: true, email: 'a@b.pl', phonePrefix: '48', phoneNumber: '600100200', firstName: 'Ewa', lastName: 'Nowak', birthDate: '1990-05-01', nationality: 'pl' },
      }),
    );
    expect(ok.cardholder).toMatchObject({ fullApi: true, nationality: 'PL' });
  });

  it('reports the budget in words of its field, with the currency’s decimals', () => {
    expect(pathErrors(valid({ budget: '' }))).toEqual({ budget: ['Enter the budget'] });
    expect(pathErrors(valid({ budget: '10.555' }))).toEqual({ budget: ['Budget: use at most 2 decimal places'] });
    expect(pathErrors(valid({ budget: '0' }))).toEqual({ budget: ['Budget: enter an amount greater than zero'] });
    expect(pathErrors(valid({ budget: '-5' }))).toEqual({ budget: ['Budget: the amount cannot be negative'] });
    expect(pathErrors(valid({ budget: 'lots' }))).toEqual({ budget: ['Budget: enter an amount like 1,250.50'] });
    expect(assignFormSchema.parse(valid({ currency: 'JPY', budget: '1,500' })).budgetMinor).toBe(1500n);
  });

  it('checks the validity dates and the time zone', () => {
    expect(pathErrors(valid({ startDate: '', endDate: '31/12/2030' }))).toEqual({
      startDate: ['Enter the start date'],
      endDate: ['End date: use the form YYYY-MM-DD (optionally with a time, HH:MM)'],
    });
    expect(pathErrors(valid({ startDate: `${NEXT_YEAR}-02-30` }))).toEqual({ startDate: ['Start date: enter a real date'] });
    expect(pathErrors(valid({ startDate: `${NEXT_YEAR}-05-01`, endDate: `${NEXT_YEAR}-04-30` }))).toEqual({
      endDate: ['The end date must be after the start date'],
    });
    expect(pathErrors(valid({ startDate: '2020-01-01', endDate: '2020-02-01' }))).toEqual({ endDate: ['The end date must be in the future'] });
    expect(pathErrors(valid({ timezone: 'Mars/Olympus' }))).toEqual({ timezone: ['Choose a time zone from the list'] });
    const timed = assignFormSchema.parse(valid({ startDate: `${NEXT_YEAR}-07-01T09:30`, endDate: `${NEXT_YEAR}-08-01`, timezone: 'America/New_York' }));
    expect(timed.validity.start.toISOString()).toBe(`${NEXT_YEAR}-07-01T13:30:00.000Z`);
  });

  it('checks each limit and names it', () => {
    const limits = defaultLimitsForm();
    limits.general = { mode: 'amount', amount: '', period: 'daily' };
    limits.atm = { mode: 'amount', amount: '1.001', period: 'weekly' };
    limits.ecommerce = { mode: 'disabled', amount: 'ignored', period: 'monthly' };
    limits.foreign = { mode: 'amount', amount: '200', period: 'yearly' as never };
    expect(pathErrors(valid({ limits }))).toEqual({
      'limits.general.amount': ['General limit: enter an amount'],
      'limits.atm.amount': ['ATM limit: use at most 2 decimal places'],
      'limits.foreign.period': ['Foreign limit: choose per day, week or month'],
    });
    limits.general.amount = '100';
    limits.atm.amount = '50';
    limits.foreign.period = 'monthly';
    const form = assignFormSchema.parse(valid({ limits }));
    expect(form.limits).toEqual({
      general: { mode: 'amount', amountMinor: 10000n, period: 'daily' },
      ecommerce: { mode: 'disabled' },
      atm: { mode: 'amount', amountMinor: 5000n, period: 'weekly' },
      foreign: { mode: 'amount', amountMinor: 20000n, period: 'monthly' },
    });
  });

  it('checks the merchant rule', () => {
    expect(pathErrors(valid({ mcc: { mode: 'allow', categories: [], codes: '' } }))).toEqual({
      'mcc.categories': ['Pick at least one category or enter MCC codes, or choose "No merchant rule"'],
    });
    expect(pathErrors(valid({ mcc: { mode: 'block', categories: [], codes: '5812, 58x3; 99' } }))).toEqual({
      'mcc.codes': ['MCC codes: not a four-digit MCC code or range: 58x3, 99'],
    });
    const form = assignFormSchema.parse(valid({ mcc: { mode: 'block', categories: ['gambling'], codes: '5812|5813 5999-6001' } }));
    expect(form.mcc).toEqual({ mode: 'block', categories: ['gambling'], codes: ['5812', '5813', '5999', '6000', '6001'] });
  });

  it('checks description, tags and the form key', () => {
    expect(pathErrors(valid({ description: 'x'.repeat(101), tags: ['ok', ' ', 'y'.repeat(41)], idempotencyKey: 'twice' }))).toEqual({
      description: ['The description can have at most 100 characters'],
      'tags.1': ['A tag cannot be empty'],
      'tags.2': ['A tag can have at most 40 characters'],
      idempotencyKey: ['The form is out of date: reload the page'],
    });
  });

  it('reports every field at once, not one group after another', () => {
    const errors = errorsOf(valid({ cardholder: { kind: 'new', email: 'x', phonePrefix: '48', phoneNumber: '600100200' }, budget: '', timezone: 'Nowhere' }));
    expect(Object.keys(errors).sort()).toEqual(['budget', 'cardholder', 'timezone']);
  });
});

describe('checkAssignContext', () => {
  const context = {
    accounts: [{ cardAliasId: 'alias-1', currency: 'PLN', name: 'Main' }],
    visuals: [{ id: 'visual-1' }],
    mccCategories: DEFAULT_MCC_CATEGORIES,
  };
  const form = { cardAliasId: 'alias-1', currency: 'PLN', visualId: null, mcc: { mode: 'allow' as const, categories: ['restaurants'], codes: [] } };

  it('accepts what the lists hold', () => {
    expect(checkAssignContext(form, context)).toEqual({});
    expect(checkAssignContext({ ...form, visualId: 'visual-1' }, context)).toEqual({});
  });

  it('names the field that is not in the lists', () => {
    expect(checkAssignContext({ ...form, cardAliasId: 'other' }, context)).toEqual({ cardAliasId: ['Choose one of the company’s accounts'] });
    expect(checkAssignContext({ ...form, currency: 'EUR' }, context)).toEqual({ budget: ['The account is in PLN; reload the page'] });
    expect(checkAssignContext({ ...form, visualId: 'nope' }, context)).toEqual({ visualId: ['Choose one of the company’s card visuals'] });
    expect(checkAssignContext({ ...form, mcc: { mode: 'allow', categories: ['restaurants', 'yachts'], codes: [] } }, context)).toEqual({
      'mcc.categories': ['Unknown merchant categories: yachts'],
    });
  });
});

describe('assignWarnings', () => {
  const base = assignFormSchema.parse(valid({ budget: '1000' }));

  it('warns when the budget is above the account balance, and not when the balance is unknown', () => {
    expect(assignWarnings(base, 50_000)).toEqual([
      { field: 'budget', message: expect.stringContaining('more than the account’s available balance') },
    ]);
    expect(assignWarnings(base, 100_000)).toEqual([]);
    expect(assignWarnings(base, null)).toEqual([]);
  });

  it('warns when a limit is above the general limit over the same or a shorter window', () => {
    const limits = defaultLimitsForm();
    limits.general = { mode: 'amount', amount: '100', period: 'weekly' };
    limits.atm = { mode: 'amount', amount: '150', period: 'daily' };
    limits.ecommerce = { mode: 'amount', amount: '500', period: 'monthly' };
    limits.foreign = { mode: 'amount', amount: '50', period: 'daily' };
    const warnings = assignWarnings(assignFormSchema.parse(valid({ limits })), null);
    expect(warnings.map((w) => w.field)).toEqual(['limits.atm']);
    expect(warnings[0].message).toContain('ATM: ');
  });

  it('refuses a disabled general limit (seed 001: "amount in minor or null"), naming the field', () => {
    const limits = defaultLimitsForm();
    limits.general = { mode: 'disabled', amount: '', period: 'monthly' };
    const result = assignFormSchema.safeParse(valid({ limits }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'limits.general.mode',
      "The general limit cannot be disabled: give an amount, or leave it to Sparados' default",
    ]);
  });
});

describe('helpers', () => {
  it('labels fields for the error summary', () => {
    expect(fieldLabel('cardholder.email')).toBe('E-mail');
    expect(fieldLabel('limits.atm.amount')).toBe('ATM limit amount');
    expect(fieldLabel('tags.3')).toBe('Tags');
  });

  it('splits typed tags', () => {
    expect(splitTags(' travel, sales;q3 | ,')).toEqual(['travel', 'sales', 'q3']);
  });
});
