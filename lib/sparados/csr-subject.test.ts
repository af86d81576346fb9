import { describe, expect, it } from 'vitest';
import { csrFileBase, isCountryCode, opensslSubject, validateCsrSubject, validateKeyBits } from './csr-subject';

const valid = {
  company: 'Demo Company',
  corporationId: '4F9D2C7A-1B3E-4A6F-8C5D-2E7B9A1C3D5F',
  email: 'it+certs@demo.example',
  country: 'pl',
  state: 'Mazowieckie',
  city: 'Warszawa',
};

describe('validateCsrSubject', () => {
  it('builds the subject Sparados requires', () => {
    const { subject, problems } = validateCsrSubject(valid);
    expect(problems).toEqual([]);
    expect(subject).toEqual({
      commonName: 'V-Sparados',
      organization: 'Demo Company',
      organizationalUnit: '4f9d2c7a-1b3e-4a6f-8c5d-2e7b9a1c3d5f',
      locality: 'Warszawa',
      state: 'Mazowieckie',
      country: 'PL',
      emailAddress: 'it+certs@demo.example',
    });
    expect(opensslSubject(subject!)).toBe(
      '/C=PL/ST=Mazowieckie/L=Warszawa/O=Demo Company/OU=4f9d2c7a-1b3e-4a6f-8c5d-2e7b9a1c3d5f/CN=V-Sparados/emailAddress=it+certs@demo.example',
    );
  });

  it('makes state and city optional', () => {
    const { subject } = validateCsrSubject({ ...valid, state: undefined, city: ' ' });
    expect(subject).not.toBeNull();
    expect(subject!.state).toBeUndefined();
    expect(subject!.locality).toBeUndefined();
  });

  it('refuses commas in any field, with one message per field', () => {
    const { subject, problems } = validateCsrSubject({ ...valid, company: 'Acme, Inc', city: 'Warsaw, Mokotow' });
    expect(subject).toBeNull();
    expect(problems).toEqual([
      '--company "Acme, Inc" contains a comma: Sparados refuses commas in certificate fields',
      '--city "Warsaw, Mokotow" contains a comma: Sparados refuses commas in certificate fields',
    ]);
  });

  it('refuses characters that break name syntax, but lets an e-mail keep its +', () => {
    expect(validateCsrSubject({ ...valid, company: 'A/B=C' }).problems).toEqual(['--company "A/B=C" contains / =: not allowed in certificate names']);
    expect(validateCsrSubject({ ...valid, email: 'a;b@demo.example' }).problems).toHaveLength(1);
  });

  it('names every missing or malformed value', () => {
    expect(validateCsrSubject({}).problems).toEqual(['--company is required', '--corporation-id is required', '--email is required', '--country is required']);
    expect(validateCsrSubject({ ...valid, corporationId: 'acme', email: 'nobody', country: 'Poland' }).problems).toEqual([
      '--corporation-id "acme" is not a UUID (use the corporation id Sparados sent)',
      '--email "nobody" is not an e-mail address',
      '--country is longer than 2 characters',
    ]);
    expect(validateCsrSubject({ ...valid, company: 'x'.repeat(65) }).problems).toEqual(['--company is longer than 64 characters']);
  });

  it('accepts real ISO 3166-1 alpha-2 codes only', () => {
    for (const code of ['PL', 'DE', 'US', 'GB']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['XX', 'EU', 'UN', 'ZZ', 'P1', 'pl']) expect(isCountryCode(code)).toBe(false);
    expect(validateCsrSubject({ ...valid, country: 'XX' }).problems).toEqual(['--country "XX" is not an ISO 3166-1 alpha-2 country code (e.g. PL, DE, US)']);
  });
});

describe('key size and file names', () => {
  it('never goes below 2048 bits', () => {
    expect(validateKeyBits(4096)).toBeNull();
    expect(validateKeyBits(2048)).toBeNull();
    expect(validateKeyBits(1024)).toMatch(/at least 2048/);
    expect(validateKeyBits(2049)).toMatch(/one of/);
    expect(validateKeyBits(Number.NaN)).toMatch(/at least 2048/);
  });

  it('derives safe file names from the company', () => {
    expect(csrFileBase('Demo Company')).toBe('Demo-Company');
    expect(csrFileBase('Zakłady Łódź sp. z o.o.')).toBe('Zakłady-Łódź-sp.-z-o.o.');
    expect(csrFileBase('../etc')).toBe('etc');
    expect(csrFileBase('***')).toBe('sparados');
  });
});
