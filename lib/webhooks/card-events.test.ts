import { describe, expect, it } from 'vitest';
import { cardEventOf } from './card-events';

const base = {
  id: 'n1',
  inboxId: 1n,
  attempt: 1,
  sparadosCardId: '77',
  cardId: null,
  cardholderId: null,
  createdAt: new Date('2026-12-04T10:00:00Z'),
};

describe('code and wallet events on the card timeline', () => {
  it('says where a 3-D Secure code went, masked', () => {
    const event = cardEventOf({ ...base, kind: 'THREE_DS_OTP', channel: 'email', recipientMasked: 'l•••@example.test', codeMasked: '••••13', details: { merchantName: 'Hotel' }, status: 'SENT', error: null });
    expect(event).toMatchObject({ kind: 'code', summary: '3-D Secure code ••••13 for a payment at Hotel sent by e-mail to l•••@example.test.' });
  });

  it('names a failed try and its reason, and an expired code', () => {
    const failed = cardEventOf({ ...base, attempt: 2, kind: 'WALLET_ACTIVATION_CODE', channel: 'sms', recipientMasked: '+48•••••200', codeMasked: '••••54', details: { tokenRequestorType: 'APPLE_PAY' }, status: 'FAILED', error: 'the SMS provider answered HTTP 500' });
    expect(failed).toMatchObject({ kind: 'undelivered', summary: 'Apple Pay activation code ••••54 could not be sent by SMS to +48•••••200 (try 2): the SMS provider answered HTTP 500.' });
    const expired = cardEventOf({ ...base, kind: 'THREE_DS_OTP', channel: 'none', recipientMasked: null, codeMasked: '••••13', details: {}, status: 'EXPIRED', error: 'not delivered within 10 minutes' });
    expect(expired.summary).toMatch(/^3-D Secure code ••••13 was not delivered within 10 minutes/);
  });

  it('puts wallet messages in words, and shows an unknown one as it came', () => {
    const message = (messageType: string) => cardEventOf({ ...base, kind: 'WALLET_MESSAGE', channel: 'none', recipientMasked: null, codeMasked: null, details: { messageType, tokenRequestorType: 'GOOGLE_PAY' }, status: 'RECORDED', error: null }).summary;
    expect(message('TOKEN_ACTIVATED')).toBe('Google Pay: the card was added (token activated).');
    expect(message('CARD_REMOVED_BY_CUSTOMER')).toBe('Google Pay: the cardholder removed the card.');
    expect(message('TOKEN_SUSPENDED')).toBe('Google Pay: token suspended.');
  });
});
