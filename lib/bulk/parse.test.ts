import { describe, expect, it } from 'vitest';
import { parseBulkCsv, toCsv } from './parse';

describe('parseBulkCsv', () => {
  it('reads known columns whatever their spelling, with row numbers counting the header', () => {
    const parsed = parseBulkCsv('\uFEFFOperation,E-mail,phone_prefix,Phone Number,totalAmount,Notes\nassign, a@b.pl ,48,600100200,"1,500.00",x\n\nedit,,,,,\n');
    expect(parsed).toEqual({
      ok: true,
      ignoredColumns: ['Notes'],
      rows: [
        { rowNumber: 2, cells: { operation: 'assign', email: 'a@b.pl', phonePrefix: '48', phoneNumber: '600100200', totalAmount: '1,500.00' } },
        { rowNumber: 3, cells: { operation: 'edit', email: '', phonePrefix: '', phoneNumber: '', totalAmount: '' } },
      ],
    });
  });

  it('guesses a semicolon delimiter and keeps | lists inside cells', () => {
    const parsed = parseBulkCsv('email;mccAllow;tags\na@b.pl;5812|5813;x|y\n');
    expect(parsed).toMatchObject({ ok: true, rows: [{ cells: { email: 'a@b.pl', mccAllow: '5812|5813', tags: 'x|y' } }] });
  });

  it('refuses files it cannot read, saying why', () => {
    expect(parseBulkCsv('  ')).toEqual({ ok: false, message: 'The file is empty.' });
    expect(parseBulkCsv('name,amount\nx,1')).toMatchObject({ ok: false, message: expect.stringContaining('none of email or approvalId was found') });
    expect(parseBulkCsv('email,Email\na,b')).toEqual({ ok: false, message: 'The column email appears twice.' });
    expect(parseBulkCsv('email\n')).toEqual({ ok: false, message: 'The file has a header but no rows.' });
    expect(parseBulkCsv(`email\n${'a@b.pl\n'.repeat(5001)}`)).toMatchObject({ ok: false, message: expect.stringContaining('5001 rows') });
  });
});

describe('toCsv', () => {
  it('quotes what needs it and defuses spreadsheet formulas', () => {
    expect(toCsv([['row', 'error'], [2, 'a, "b"'], [3, '=HYPERLINK("x")'], [4, null]])).toBe('row,error\r\n2,"a, ""b"""\r\n3,"\'=HYPERLINK(""x"")"\r\n4,');
  });
});
