import { describe, expect, it } from 'vitest';
import type { Approval } from '@/lib/sparados/domain/approval';
import { rulesFormSchema } from './assign-schema';
import { toEditApprovalInput } from './assign-input';
import { rulesValuesFromApproval } from './edit-values';

const year = new Date().getUTCFullYear() + 1;

const approval = {
  id: 'a-1',
  budgetMinor: 150_050,
  validity: { startDate: new Date(`${year}-01-01T00:00:00Z`), endDate: new Date(`${year}-06-30T21:59:59.999Z`), timezone: 'Europe/Warsaw' },
  limits: [
    { type: 'general', rawType: 'general', amountMinor: 50_000, timeUnit: 'weekly', mccList: [] },
    { type: 'atm', rawType: 'atm', amountMinor: 0, timeUnit: 'daily', mccList: [] },
    { type: 'mcc_blacklist', rawType: 'mcc_blacklist', amountMinor: null, timeUnit: null, mccList: ['7995', '5812'] },
  ],
  card: { description: 'Travel', visualId: 'v-1' },
  tags: ['x'],
  allowChangeRequest: true,
} as unknown as Approval;

describe('rulesValuesFromApproval', () => {
  it('turns an approval back into the rules form, which parses to the same request', () => {
    const values = rulesValuesFromApproval(approval, 'PLN', 'UTC');
    expect(values).toMatchObject({
      budget: '1500.50',
      timezone: 'Europe/Warsaw',
      limits: {
        general: { mode: 'amount', amount: '500.00', period: 'weekly' },
        atm: { mode: 'disabled' },
        ecommerce: { mode: 'default' },
        foreign: { mode: 'default' },
      },
      mcc: { mode: 'block', codes: '7995 5812', categories: [] },
      visualId: 'v-1',
      description: 'Travel',
      tags: ['x'],
      allowChangeRequest: true,
    });
    const body = toEditApprovalInput(rulesFormSchema.parse(values), []);
    expect(body.rules).toEqual({
      budgetMinor: 150_050,
      validityPeriod: { startDate: `${year}-01-01T00:00:00.000Z`, endDate: `${year}-06-30T21:59:59.999Z`, timezone: 'Europe/Warsaw' },
      limits: [
        { type: 'general', amountMinor: 50_000, timeUnit: 'weekly' },
        { type: 'atm', amountMinor: 0, timeUnit: 'monthly' },
        { type: 'mcc_blacklist', amountMinor: 0, timeUnit: 'monthly', mccList: ['5812', '7995'] },
      ],
      purpose: { ecommerce: true, allowChangeRequest: true },
    });
    expect(body.card).toEqual({ description: 'Travel', visual: { id: 'v-1' } });
  });
});
