import { describe, expect, it } from 'vitest';
import { passesLuhn } from './luhn';

describe('passesLuhn', () => {
  it('accepts card numbers with a right check digit and refuses a changed digit', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '79927398713']) expect(passesLuhn(pan), pan).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('79927398710')).toBe(false);
  });

  it('refuses anything but digits', () => {
    for (const text of ['', '4111 1111 1111 1111', '4111-1111-1111-1111', '41111111111111a1']) expect(passesLuhn(text), text).toBe(false);
  });
});
