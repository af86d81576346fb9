import { afterEach, describe, expect, it } from 'vitest';
import { configureSparadosLog, log } from './log';
import { redact, redactText } from './redact';

const PAN = '5414599451242598'; // passes Luhn

describe('redact', () => {
  it('replaces numbers that are card numbers, in any spacing, and keeps other numbers', () => {
    expect(redactText(`card ${PAN} declined`)).toBe('card [pan] declined');
    expect(redactText('card 5414 5994 5124 2598')).toBe('card [pan]');
    expect(redactText('order 1234567890123456')).toBe('order 1234567890123456'); // fails Luhn
    expect(redactText('amount 10050')).toBe('amount 10050');
  });

  it('drops PEM blocks (keys, certificates)', () => {
    // Built from the label so the source holds no PEM block that reads as a committed key.
    const pem = (label: string) => `-----BEGIN ${label}-----\nMIIE\n-----END ${label}-----`;
    expect(redactText(`key ${pem('PRIVATE KEY')} end`)).toBe('key [redacted] end');
    expect(redactText(`cert ${pem('CERTIFICATE')} end`)).toBe('cert [redacted] end');
  });

  it('redacts secret fields at any depth and keeps the rest', () => {
    expect(
      redact({
        endpoint: 'getCardSensitiveData',
        cardNo: PAN,
        nested: { cvv: '123', otp: '654321', activationCode: 'A1', privateKey: 'x', 'public-key': 'abc', payload: 'jwe', note: `pan ${PAN}` },
        idempotencyKey: 'k-1',
      }),
    ).toEqual({
      endpoint: 'getCardSensitiveData',
      cardNo: '[redacted]',
      nested: {
        cvv: '[redacted]',
        otp: '[redacted]',
        activationCode: '[redacted]',
        privateKey: '[redacted]',
        'public-key': '[redacted]',
        payload: '[redacted]',
        note: 'pan [pan]',
      },
      idempotencyKey: 'k-1',
    });
  });
});

describe('log', () => {
  afterEach(() => configureSparadosLog({ level: 'info', sink: (line) => console.log(line) }));

  it('writes one JSON line per event with secrets removed, and respects the level', () => {
    const lines: string[] = [];
    configureSparadosLog({ level: 'info', sink: (line) => lines.push(line) });
    log('debug', 'call', { endpoint: 'x' });
    log('warn', 'retry', { endpoint: 'getCardSensitiveData', rawBody: `{"cardNo":"${PAN}","cvv":"123"}`, message: `no ${PAN}` });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'warn', scope: 'sparados', event: 'retry', endpoint: 'getCardSensitiveData', rawBody: '[redacted]' });
    expect(lines[0]).not.toContain(PAN);
    expect(lines[0]).not.toContain('"123"');
  });
});
