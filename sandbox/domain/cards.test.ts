import { describe, expect, it } from 'vitest';
import { expiryDate, generatePan, isLuhnValid, luhnCheckDigit } from './cards';

describe('cards', () => {
  it('computes Luhn check digits of known numbers', () => {
    expect(luhnCheckDigit('541459945124259')).toBe(8); // the seeds' example card 5414599451242598
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('79927398713')).toBe(true);
  });

  it('generates 16-digit Luhn-valid numbers', () => {
    for (let i = 0; i < 200; i++) {
      const pan = generatePan();
      expect(pan).toMatch(/^\d{16}$/);
      expect(isLuhnValid(pan)).toBe(true);
    }
  });

  it('expires at the end of the month three years on', () => {
    expect(expiryDate(new Date('2028-05-10T12:00:00Z'))).toBe('2031-05-31');
    expect(expiryDate(new Date('2027-02-01T00:00:00Z'))).toBe('2030-02-28');
  });
});
