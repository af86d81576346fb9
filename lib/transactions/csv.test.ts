import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvHeader, csvLine, exportFileName } from './csv';
import type { TransactionRow } from './view-types';

const base: TransactionRow = {
  id: '00000000-0000-4000-8000-000000000001',
  sparadosId: '7d1c8f0e-0000-4000-8000-00000000abcd',
  type: 'PURCHASE',
  status: 'CLEARED',
  statusRaw: 'CLEARED',
  amountMinor: '12345',
  currency: 'PLN',
  foreign: null,
  merchantName: 'Orlen, Warszawa "Centrum"',
  mcc: '5541',
  category: 'Fuel',
  merchantCountry: 'PL',
  declineReason: null,
  cardId: null,
  sparadosCardId: '77',
  cardLast4: '4242',
  cardDescription: null,
  holder: { id: 'h', name: 'Anna Nowak', email: 'anna@example.com' },
  approvalSparadosId: null,
  occurredAt: '2026-11-21T10:00:00.000Z',
  sparadosUpdatedAt: '2026-11-21T10:00:00.000Z',
  syncedAt: '2026-11-21T10:00:01.000Z',
};

function cells(line: string): string[] {
  // Enough of a parser for these lines: split on commas outside quotes.
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  const body = line.replace(/\r\n$/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

describe('transactions CSV', () => {
  it('quotes separators and quotes, and ends lines with CRLF', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvHeader().endsWith('\r\n')).toBe(true);
    expect(cells(csvHeader())).toHaveLength(CSV_COLUMNS.length);
  });

  it('defuses text a spreadsheet would run as a formula, but not amounts', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.50', { text: false })).toBe('-12.50');
  });

  it('writes exact major-unit amounts and the local time', () => {
    const line = cells(csvLine(base, 'Europe/Warsaw'));
    const at = (label: string) => line[CSV_COLUMNS.findIndex(([, l]) => l === label)];
    expect(line).toHaveLength(CSV_COLUMNS.length);
    expect(at('Amount')).toBe('123.45');
    expect(at('Original amount')).toBe('123.45');
    expect(at('Original currency')).toBe('PLN');
    expect(at('Merchant')).toBe('Orlen, Warszawa "Centrum"');
    expect(at('Local time')).toBe('2026-11-21 11:00:00');
    expect(at('Decline reason in words')).toBe('');
  });

  it('shows refunds negative, foreign amounts in their currency and declines in words', () => {
    const refund = cells(csvLine({ ...base, type: 'REFUND', amountMinor: '-9007199254740993', foreign: { amountMinor: '-2500', currency: 'EUR' } }, 'UTC'));
    const at = (line: string[], label: string) => line[CSV_COLUMNS.findIndex(([, l]) => l === label)];
    expect(at(refund, 'Amount')).toBe('-90071992547409.93');
    expect(at(refund, 'Original amount')).toBe('-25.00');
    expect(at(refund, 'Original currency')).toBe('EUR');
    const declined = cells(csvLine({ ...base, status: 'DECLINED', statusRaw: 'DECLINED', declineReason: 'ATM_LIMIT' }, 'UTC'));
    expect(at(declined, 'Decline reason')).toBe('ATM_LIMIT');
    expect(at(declined, 'Decline reason in words')).toMatch(/ATM limit/);
  });

  it('names the file by the local date', () => {
    expect(exportFileName(new Date('2026-11-21T23:30:00Z'), 'Europe/Warsaw')).toBe('transactions-2026-11-22.csv');
  });
});
