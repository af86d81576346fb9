import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, auditCsvHeader, auditCsvLine, auditExportFileName, csvCell, localTimestamp, type AuditCsvRow } from './csv';

describe('csvCell', () => {
  it('leaves plain text alone and quotes separators, quotes and line breaks', () => {
    expect(csvCell('Anna Nowak')).toBe('Anna Nowak');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.test","click")')).toBe(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(csvCell('+48 600 100 200')).toBe("'+48 600 100 200");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('＝1+1')).toBe("'＝1+1");
  });

  it('does not touch a formula character that is not first', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('jan@example.com')).toBe('jan@example.com');
  });
});

const row: AuditCsvRow = {
  id: '0b6c3a8e-6f43-4f57-9a55-2d8c4f1b7a10',
  at: new Date('2026-11-21T10:05:09.123Z'),
  actorName: '=cmd|"/c calc"!A1',
  actorEmail: 'anna@example.com',
  action: 'cards.topup',
  summary: 'Anna Nowak raised the budget of card "Travel, J. Smith" from 500.00 to 800.00 PLN.',
  targetType: 'card',
  targetId: 'c1',
  cardId: 'c1',
  ip: '198.51.100.7',
  before: { budgetMinor: '50000' },
  after: { budgetMinor: '80000', currency: 'PLN' },
};

/** Splits one CSV record into cells. */
function parseRecord(line: string): string[] {
  const parsed = Papa.parse<string[]>(line);
  if (parsed.errors.length || parsed.data.length !== 1) throw new Error(`not one CSV record: ${line}`);
  return parsed.data[0]!;
}

describe('auditCsvLine', () => {
  it('writes one CRLF-terminated record with a cell per column, in the reader’s zone', () => {
    const line = auditCsvLine(row, 'Europe/Warsaw');
    expect(line.endsWith('\r\n')).toBe(true);
    const cells = parseRecord(line.slice(0, -2));
    expect(cells).toHaveLength(AUDIT_CSV_COLUMNS.length);
    expect(cells).toEqual([
      '2026-11-21T10:05:09.123Z',
      '2026-11-21 11:05:09',
      `'=cmd|"/c calc"!A1`,
      'anna@example.com',
      'Budget changed',
      'cards.topup',
      'Anna Nowak raised the budget of card "Travel, J. Smith" from 500.00 to 800.00 PLN.',
      'card',
      'c1',
      'c1',
      '198.51.100.7',
      '{"budgetMinor":"50000"}',
      '{"budgetMinor":"80000","currency":"PLN"}',
      row.id,
    ]);
  });

  it('names the panel as the actor of automatic entries and leaves empty snapshots empty', () => {
    const cells = parseRecord(auditCsvLine({ ...row, actorName: null, actorEmail: null, before: null, after: null }, 'UTC').slice(0, -2));
    expect(cells[2]).toBe('Panel (automatic)');
    expect(cells[11]).toBe('');
    expect(cells[12]).toBe('');
  });

  it('has a header naming every column', () => {
    expect(parseRecord(auditCsvHeader().slice(0, -2))).toEqual([...AUDIT_CSV_COLUMNS]);
  });
});

describe('dates in the reader’s zone', () => {
  it('prints local wall time across a DST change and dates the file name locally', () => {
    expect(localTimestamp(new Date('2026-03-29T00:59:59Z'), 'Europe/Warsaw')).toBe('2026-03-29 01:59:59');
    expect(localTimestamp(new Date('2026-03-29T01:00:00Z'), 'Europe/Warsaw')).toBe('2026-03-29 03:00:00');
    expect(auditExportFileName(new Date('2026-11-21T23:30:00Z'), 'Europe/Warsaw')).toBe('audit-log-2026-11-22.csv');
    expect(auditExportFileName(new Date('2026-11-21T23:30:00Z'), 'UTC')).toBe('audit-log-2026-11-21.csv');
  });
});
