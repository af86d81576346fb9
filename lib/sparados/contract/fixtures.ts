import type { CreateApprovalInput } from '../schemas/approvals';

const HOUR = 3_600_000;

/** A Simple API approval request with a unique e-mail, valid from an hour ago for 30 days. */
export function simpleApproval(cardAliasId: string, overrides: Partial<CreateApprovalInput['rules']> = {}): CreateApprovalInput {
  const tag = Math.random().toString(36).slice(2, 10);
  return {
    balance: { id: cardAliasId },
    user: { email: `contract-${tag}@example.com`, prefix: '48', phone: '600100200', firstName: 'Contract', lastName: 'Test' },
    rules: {
      budgetMinor: 50_000,
      validityPeriod: {
        startDate: new Date(Date.now() - HOUR).toISOString(),
        endDate: new Date(Date.now() + 30 * 24 * HOUR).toISOString(),
        timezone: 'Europe/Warsaw',
      },
      limits: [{ type: 'atm', amountMinor: 0, timeUnit: 'daily' }],
      purpose: { ecommerce: true, allowChangeRequest: true },
      ...overrides,
    },
    card: { description: 'Contract test', visual: null },
    tags: [],
  };
}
