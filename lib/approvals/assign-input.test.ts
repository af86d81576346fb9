import { describe, expect, it } from 'vitest';
import { createApprovalInputSchema, editApprovalInputSchema } from '@/lib/sparados/schemas/approvals';
import { assignFormSchema, type AssignFormValues } from './assign-schema';
import { toCreateApprovalInput, toEditApprovalInput } from './assign-input';
import { defaultLimitsForm } from './limits';
import { DEFAULT_MCC_CATEGORIES } from './mcc';

const year = new Date().getUTCFullYear() + 1;

function parse(overrides: Partial<AssignFormValues> = {}) {
  return assignFormSchema.parse({
    idempotencyKey: '7d3f1c2a-4b5e-4f60-8a71-92b3c4d5e6f7',
    cardholder: { kind: 'existing', cardholderId: '0b7c1d2e-3f40-4a51-8b62-7c83d94e05f6' },
    cardAliasId: 'alias-1',
    currency: 'EUR',
    budget: '250.75',
    startDate: `${year}-06-01`,
    endDate: `${year}-06-30`,
    timezone: 'UTC',
    limits: defaultLimitsForm(),
    ...overrides,
  });
}

describe('toCreateApprovalInput', () => {
  it('builds the Simple API request: contact details, minor units, instants, no limit left to the Sparados default is sent', () => {
    const input = toCreateApprovalInput(
      parse({ description: 'Conference', visualId: 'visual-1', tags: ['events'], allowChangeRequest: true }),
      { kind: 'simple', email: 'ewa@example.com', phonePrefix: '48', phoneNumber: '600100200', firstName: 'Ewa', lastName: null, birthDate: '1990-05-01', nationality: 'PL' },
      DEFAULT_MCC_CATEGORIES,
    );
    expect(input).toEqual({
      balance: { id: 'alias-1' },
      user: { email: 'ewa@example.com', prefix: '48', phone: '600100200', firstName: 'Ewa', birthDate: '1990-05-01T00:00:00.000Z', nationality: 'PL' },
      rules: {
        budgetMinor: 25075,
        validityPeriod: { startDate: `${year}-06-01T00:00:00.000Z`, endDate: `${year}-06-30T23:59:59.999Z`, timezone: 'UTC' },
        limits: [],
        purpose: { ecommerce: true, allowChangeRequest: true },
      },
      card: { description: 'Conference', visual: { id: 'visual-1' } },
      tags: ['events'],
    });
    expect(createApprovalInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends a Full API user id as a number when it is one, and no contact details', () => {
    const input = toCreateApprovalInput(parse(), { kind: 'full', userId: '123456' }, DEFAULT_MCC_CATEGORIES);
    expect(input.user).toEqual({ id: 123456 });
    expect(toCreateApprovalInput(parse(), { kind: 'full', userId: 'u-9' }, []).user).toEqual({ id: 'u-9' });
    expect(input.card).toEqual({ description: null });
  });

  it('maps limits to Sparados types (disabled = 0, amounts with their period) and expands MCC categories', () => {
    const limits = defaultLimitsForm();
    limits.general = { mode: 'amount', amount: '1000', period: 'monthly' };
    limits.atm = { mode: 'disabled', amount: '', period: 'monthly' };
    limits.foreign = { mode: 'amount', amount: '200', period: 'weekly' };
    const input = toCreateApprovalInput(
      parse({ limits, mcc: { mode: 'allow', categories: ['restaurants', 'fuel'], codes: '4111' } }),
      { kind: 'full', userId: '1' },
      DEFAULT_MCC_CATEGORIES,
    );
    expect(input.rules.limits).toEqual([
      { type: 'general', amountMinor: 100000, timeUnit: 'monthly' },
      { type: 'atm', amountMinor: 0, timeUnit: 'monthly' },
      { type: 'foreign_amount', amountMinor: 20000, timeUnit: 'weekly' },
      { type: 'mcc_whitelist', amountMinor: 0, timeUnit: 'monthly', mccList: ['4111', '5541', '5542', '5812', '5813', '5814', '5983'] },
    ]);
  });

  it('expands ranges of a block-list', () => {
    const input = toCreateApprovalInput(parse({ mcc: { mode: 'block', categories: ['airlines'], codes: '' } }), { kind: 'full', userId: '1' }, DEFAULT_MCC_CATEGORIES);
    const rule = input.rules.limits!.at(-1)!;
    expect(rule).toMatchObject({ type: 'mcc_blacklist', amountMinor: 0, timeUnit: 'monthly' });
    expect(rule.mccList).toHaveLength(352);
    expect(rule.mccList).toContain('3000');
    expect(rule.mccList).toContain('3350');
    expect(rule.mccList).toContain('4511');
  });
});

describe('toEditApprovalInput', () => {
  it('carries rules, card and tags only', () => {
    const input = toEditApprovalInput(parse({ tags: ['a'] }), DEFAULT_MCC_CATEGORIES);
    expect(Object.keys(input).sort()).toEqual(['card', 'rules', 'tags']);
    expect(editApprovalInputSchema.safeParse(input).success).toBe(true);
  });
});
