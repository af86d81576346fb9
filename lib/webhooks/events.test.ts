import { describe, expect, it } from 'vitest';
import type { TransactionStatus } from '@/lib/generated/prisma/enums';
import { openWalletSecret, threeDsOtpDraft, threeDsOtpSchema, transactionDraft, transactionEventSchema, walletDraft, walletSchema } from './events';
import { maskCode, maskPhone } from './mask';
import { seal, sealingKey, unseal } from './seal';
import { allowedMoves, canMove, newerReading } from './status-order';

const otpBody = {
  balanceId: 'b-1',
  currency: 'PLN',
  merchantName: 'Shop',
  otp: '123456',
  cardId: 42,
  userId: 7,
  amountMinor: 1230,
  cardLast4Digits: '1234',
};

describe('webhook events', () => {
  it('keys a transaction event by id, type and timestamp: a retry repeats it, a new state does not', () => {
    const a = transactionDraft(transactionEventSchema.parse({ transactionId: 'T1', type: 'PURCHASE', timestamp: '2026-11-21T10:00:00.000Z' }));
    const retry = transactionDraft(transactionEventSchema.parse({ transactionId: 'T1', type: 'PURCHASE', timestamp: '2026-11-21T10:00:00Z' }));
    const cleared = transactionDraft(transactionEventSchema.parse({ transactionId: 'T1', type: 'PURCHASE', timestamp: '2026-11-21T11:00:00Z' }));
    const refund = transactionDraft(transactionEventSchema.parse({ transactionId: 'T1', type: 'REFUND', timestamp: '2026-11-21T10:00:00Z' }));
    expect(retry.dedupeKey).toBe(a.dedupeKey);
    expect(cleared.dedupeKey).not.toBe(a.dedupeKey);
    expect(refund.dedupeKey).not.toBe(a.dedupeKey);
    expect(a.secret).toBeNull();
  });

  it('refuses a transaction event without id, type or timestamp', () => {
    expect(transactionEventSchema.safeParse({ transactionId: 'T1', type: 'purchase', timestamp: 'now' }).success).toBe(false);
    expect(transactionEventSchema.safeParse({ type: 'PURCHASE', timestamp: '2026-11-21T10:00:00Z' }).success).toBe(false);
  });

  it('masks the OTP in the stored payload and keeps the code apart; key order does not change the key', () => {
    const draft = threeDsOtpDraft(threeDsOtpSchema.parse(otpBody));
    expect(draft.payload.otp).toBe('••••56');
    expect(JSON.stringify(draft.payload)).not.toContain('123456');
    expect(draft.dedupeKey).not.toContain('123456');
    expect(draft.secret).toBe('123456');
    const reordered = Object.fromEntries(Object.entries(otpBody).reverse());
    expect(threeDsOtpDraft(threeDsOtpSchema.parse(reordered)).dedupeKey).toBe(draft.dedupeKey);
    expect(threeDsOtpDraft(threeDsOtpSchema.parse({ ...otpBody, otp: '654321' })).dedupeKey).not.toBe(draft.dedupeKey);
  });

  it('masks the wallet activation code and phone; messages without a code carry no secret', () => {
    const body = { cardId: '42', cardLast4Digits: '1234', tokenRequestorType: 'APPLE_PAY', messageType: 'ACTIVATION_CODE_DELIVERY', activationMethodType: 'SMS', activationMethodValue: '+48600100200', activationCode: '987654', formFactor: 'PHONE' };
    const draft = walletDraft(walletSchema.parse(body));
    expect(draft.payload).toMatchObject({ activationCode: '••••54', activationMethodValue: '+48••••••200', messageType: 'ACTIVATION_CODE_DELIVERY' });
    expect(openWalletSecret(draft.secret!)).toEqual({ code: '987654', to: '+48600100200' });
    expect(JSON.stringify(draft.payload)).not.toContain('600100200');
    const activated = walletDraft(walletSchema.parse({ cardId: 42, messageType: 'TOKEN_ACTIVATED', tokenRequestorType: 'GOOGLE_PAY' }));
    expect(activated.secret).toBeNull();
  });

  it('masks codes and phones', () => {
    expect(maskCode('123456')).toBe('••••56');
    expect(maskCode('1234')).toBe('••••');
    expect(maskPhone('+48 600 100 200')).toBe('+48••••••200');
  });

  it('seals and opens a code; another key or a changed byte fails', () => {
    const key = sealingKey('a'.repeat(40));
    const sealed = seal('123456', key);
    expect(sealed).not.toContain('123456');
    expect(unseal(sealed, key)).toBe('123456');
    expect(() => unseal(sealed, sealingKey('b'.repeat(40)))).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = `${body![0] === 'A' ? 'B' : 'A'}${body!.slice(1)}`;
    expect(() => unseal([v, iv, tag, flipped].join('.'), key)).toThrow();
  });
});

describe('transaction status order', () => {
  it('moves AUTHORIZED forward only, and never out of a final status', () => {
    expect(canMove('AUTHORIZED', 'CLEARED')).toBe(true);
    expect(canMove('AUTHORIZED', 'REVERSED')).toBe(true);
    expect(canMove('CLEARED', 'AUTHORIZED')).toBe(false);
    expect(canMove('CLEARED', 'REVERSED')).toBe(false);
    expect(canMove('DECLINED', 'AUTHORIZED')).toBe(false);
    expect(canMove('UNKNOWN', 'AUTHORIZED')).toBe(true);
    expect(allowedMoves()).toContainEqual(['AUTHORIZED', 'CLEARED']);
    expect(allowedMoves().some(([from]) => from === 'CLEARED')).toBe(false);
  });

  it('picks the later reading of two, by status before time', () => {
    const t = (s: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, s));
    type Reading = { status: TransactionStatus; sparadosUpdatedAt: Date };
    const authorized: Reading = { status: 'AUTHORIZED', sparadosUpdatedAt: t(30) };
    const cleared: Reading = { status: 'CLEARED', sparadosUpdatedAt: t(10) };
    expect(newerReading(cleared, authorized)).toBe(cleared);
    expect(newerReading(authorized, cleared)).toBe(cleared);
    const again: Reading = { status: 'AUTHORIZED', sparadosUpdatedAt: t(40) };
    expect(newerReading(authorized, again)).toBe(again);
  });
});
