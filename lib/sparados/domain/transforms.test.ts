import { describe, expect, it } from 'vitest';
import { approvalPageWireSchema, approvalWireSchema } from '../schemas/approvals';
import { balanceWireSchema } from '../schemas/balances';
import { setUnknownEnumListener } from '../schemas/common';
import { transactionPageWireSchema, transactionWireSchema } from '../schemas/transactions';
import { userWireSchema } from '../schemas/users';
import { hasDeliveredCard, toApproval } from './approval';
import { toBalance } from './balance';
import { toPage } from './page';
import { toTransaction, transactionKey } from './transaction';
import { toUser } from './user';

const approvalJson = {
  id: '7c8790d0-17c7-4d25-8f2f-08c83c735fb2',
  status: 'DELIVERED',
  cardId: 123,
  cardStatus: 'ACTIVE',
  parentId: null,
  origin: 'CORPORATION',
  user: { id: 456, email: 'anna@example.com', prefix: '48', phone: '600100200' },
  balance: { id: 'c6a1e0f2-7d34-4b8e-9e21-5f0a3b7c9d14' },
  rules: {
    budgetMinor: 100_000,
    spentMinor: 2_500,
    availableBudgetMinor: 97_500,
    validityPeriod: { startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-02-01T00:00:00.000Z', timezone: 'Europe/Warsaw' },
    limits: [
      { type: 'atm', amountMinor: 0, timeUnit: 'daily' },
      { type: 'general', amountMinor: null, timeUnit: 'monthly' },
      { type: 'mcc_whitelist', amountMinor: 0, timeUnit: 'daily', mccList: ['5812', 5814] },
    ],
    purpose: { ecommerce: true, allowChangeRequest: true },
  },
  card: { description: 'Travel', visual: { id: '2d8f4b6a-0c1e-4f3a-9b5d-7e9a1c3f5b7d' } },
  tags: ['team-a', { id: 't-2' }, 7],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

describe('approval transform', () => {
  it('maps the wire approval to the domain: string ids, dates, minor units', () => {
    const approval = toApproval(approvalWireSchema.parse(approvalJson));
    expect(approval).toMatchObject({
      id: approvalJson.id,
      status: 'DELIVERED',
      rawStatus: 'DELIVERED',
      cardId: '123',
      cardStatus: 'ACTIVE',
      origin: 'CORPORATION',
      cardAliasId: 'c6a1e0f2-7d34-4b8e-9e21-5f0a3b7c9d14',
      budgetMinor: 100_000,
      spentMinor: 2_500,
      availableBudgetMinor: 97_500,
      ecommerce: true,
      allowChangeRequest: true,
      card: { description: 'Travel', visualId: '2d8f4b6a-0c1e-4f3a-9b5d-7e9a1c3f5b7d' },
      tags: ['team-a', 't-2', '7'],
      extra: {},
    });
    expect(approval.user.id).toBe('456');
    expect(approval.validity.startDate).toEqual(new Date('2026-01-01T00:00:00.000Z'));
    expect(approval.limits).toEqual([
      { type: 'atm', rawType: 'atm', amountMinor: 0, timeUnit: 'daily', mccList: [] },
      { type: 'general', rawType: 'general', amountMinor: null, timeUnit: 'monthly', mccList: [] },
      { type: 'mcc_whitelist', rawType: 'mcc_whitelist', amountMinor: 0, timeUnit: 'daily', mccList: ['5812', '5814'] },
    ]);
    expect(hasDeliveredCard(approval)).toBe(true);
  });

  it('keeps unknown fields and turns unknown enum values into UNKNOWN with the raw text kept', () => {
    const seen: string[] = [];
    setUnknownEnumListener((name, value) => seen.push(`${name}=${value}`));
    const json = {
      ...approvalJson,
      status: 'FROZEN',
      cardStatus: 'STOLEN',
      origin: 'PARTNER',
      riskScore: 12,
      rules: {
        ...approvalJson.rules,
        limits: [{ type: 'crypto', amountMinor: 5, timeUnit: 'hourly' }, { type: 'atm', amountMinor: 0, perTransaction: true }],
        newRuleField: true,
        validityPeriod: { ...approvalJson.rules.validityPeriod, graceDays: 3 },
      },
      user: { ...approvalJson.user, middleName: 'Maria', address: { city: 'Warsaw' } },
      card: { ...approvalJson.card, embossedName: 'ANNA K', visual: { id: 'v-1', theme: 'dark' } },
    };
    const approval = toApproval(approvalWireSchema.parse(json));
    expect(approval.status).toBe('UNKNOWN');
    expect(approval.rawStatus).toBe('FROZEN');
    expect(approval.cardStatus).toBe('UNKNOWN');
    expect(approval.origin).toBe('UNKNOWN');
    expect(approval.limits[0]).toEqual({ type: 'UNKNOWN', rawType: 'crypto', amountMinor: 5, timeUnit: 'UNKNOWN', mccList: [] });
    // Unknown fields inside rules, user and card are kept too, under their object's name.
    expect(approval.extra).toEqual({
      riskScore: 12,
      rules: { newRuleField: true, validityPeriod: { graceDays: 3 }, limits: [{}, { perTransaction: true }] },
      user: { middleName: 'Maria', address: { city: 'Warsaw' } },
      card: { embossedName: 'ANNA K', visual: { theme: 'dark' } },
    });
    expect(hasDeliveredCard(approval)).toBe(false);
    expect(seen).toEqual(['ApprovalStatus=FROZEN', 'CardStatus=STOLEN', 'ApprovalOrigin=PARTNER', 'LimitType=crypto', 'TimeUnit=hourly']);
    setUnknownEnumListener(() => {});
  });

  it('accepts a minimal approval: optional parts absent or null', () => {
    const approval = toApproval(
      approvalWireSchema.parse({
        id: 'a1',
        status: 'ACCEPTED',
        rules: { budgetMinor: '5000', validityPeriod: { startDate: '2026-01-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z' } },
        card: null,
        tags: null,
      }),
    );
    expect(approval).toMatchObject({
      cardId: null,
      cardStatus: null,
      origin: null,
      cardAliasId: null,
      budgetMinor: 5000,
      spentMinor: null,
      limits: [],
      tags: [],
      card: { description: null, visualId: null },
      createdAt: null,
    });
    expect(approval.validity.timezone).toBeNull();
  });

  it('refuses what cannot be an approval: no id, no rules, a fractional amount, a non-date', () => {
    expect(approvalWireSchema.safeParse({ status: 'ACCEPTED', rules: approvalJson.rules }).success).toBe(false);
    expect(approvalWireSchema.safeParse({ id: 'a', status: 'ACCEPTED' }).success).toBe(false);
    expect(approvalWireSchema.safeParse({ ...approvalJson, rules: { ...approvalJson.rules, budgetMinor: 10.5 } }).success).toBe(false);
    expect(
      approvalWireSchema.safeParse({ ...approvalJson, rules: { ...approvalJson.rules, validityPeriod: { startDate: 'soon', endDate: 'later' } } }).success,
    ).toBe(false);
  });

  it('reads Spring pages whether the index is called page or number', () => {
    const a = toPage(approvalPageWireSchema.parse({ content: [approvalJson], page: 2, size: 1, totalElements: 3, totalPages: 3 }), toApproval);
    expect(a).toMatchObject({ page: 2, size: 1, totalElements: 3, totalPages: 3 });
    expect(a.items[0].id).toBe(approvalJson.id);
    const b = toPage(approvalPageWireSchema.parse({ content: [], number: 4, size: 20, totalElements: 0, totalPages: 0, sort: {} }), toApproval);
    expect(b).toEqual({ items: [], page: 4, size: 20, totalElements: 0, totalPages: 0 });
  });
});

const purchase = {
  id: '0f0e7c52-86f4-4d58-9f0d-6d1f4f0b1a11',
  type: 'PURCHASE',
  status: 'AUTHORIZED',
  amountMinor: 1250,
  currency: 'PLN',
  originalAmountMinor: 300,
  originalCurrency: 'EUR',
  merchantName: 'Cafe',
  mcc: 5812,
  merchantCountry: 'PL',
  cardId: 123,
  cardLast4Digits: '2598',
  balanceId: '67716ba1-081b-4919-8aae-9fdbee10be23',
  approvalId: '7c8790d0-17c7-4d25-8f2f-08c83c735fb2',
  userId: null,
  declineReason: null,
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
};

describe('transaction transform', () => {
  it('maps a transaction, keeping signed amounts and string ids', () => {
    const refund = toTransaction(transactionWireSchema.parse({ ...purchase, type: 'REFUND', amountMinor: -1250 }));
    expect(refund).toMatchObject({ type: 'REFUND', rawType: 'REFUND', status: 'AUTHORIZED', amountMinor: -1250, mcc: '5812', cardId: '123', userId: null });
    expect(refund.createdAt).toEqual(new Date(purchase.createdAt));
  });

  it('identifies transactions by id and raw type, also for types this client does not know', () => {
    const p = toTransaction(transactionWireSchema.parse(purchase));
    const r = toTransaction(transactionWireSchema.parse({ ...purchase, type: 'REFUND' }));
    const x = toTransaction(transactionWireSchema.parse({ ...purchase, type: 'CASHBACK', status: 'SETTLING', fxRate: 4.31 }));
    expect(new Set([p, r, x].map(transactionKey)).size).toBe(3);
    expect(x).toMatchObject({ type: 'UNKNOWN', rawType: 'CASHBACK', status: 'UNKNOWN', rawStatus: 'SETTLING', extra: { fxRate: 4.31 } });
  });

  it('reads a transaction page', () => {
    const page = toPage(transactionPageWireSchema.parse({ content: [purchase], page: 0, size: 50, totalElements: 1, totalPages: 1 }), toTransaction);
    expect(page.items.map((t) => t.id)).toEqual([purchase.id]);
  });
});

describe('balance and user transforms', () => {
  it('maps a balance', () => {
    expect(toBalance(balanceWireSchema.parse({ id: 'b', currency: 'PLN', availableMinor: 100, blockedMinor: 5, updatedAt: '2026-01-01T00:00:00Z', iban: 'x' }))).toEqual({
      id: 'b',
      currency: 'PLN',
      availableMinor: 100,
      blockedMinor: 5,
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      extra: { iban: 'x' },
    });
  });

  it('maps a Full API user with an integer id', () => {
    expect(toUser(userWireSchema.parse({ id: 123456, email: 'john@example.com', status: 'ACTIVE' }))).toMatchObject({
      id: '123456',
      email: 'john@example.com',
      phoneNumber: null,
      status: 'ACTIVE',
      extra: {},
    });
  });
});
