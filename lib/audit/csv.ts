import { TZDate } from '@date-fns/tz';
import { actionLabel } from './action-labels';

// The audit log as CSV: RFC 4180 (quotes doubled, fields with a comma, quote or line break quoted,
// CRLF line ends). Every cell is text someone else wrote (names, summaries, card descriptions), so
// any cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV injection"):
// one that starts with = + - @, a tab or a carriage return, or their full-width forms. Pure.

export interface AuditCsvRow {
  id: string;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  summary: string;
  targetType: string | null;
  targetId: string | null;
  /** The panel's card the entry is about, when it is about one. */
  cardId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}

export const AUDIT_CSV_COLUMNS = [
  'Time (UTC)',
  'Local time',
  'Who',
  'E-mail',
  'Action',
  'Action name',
  'What happened',
  'Target type',
  'Target id',
  'Card id',
  'IP address',
  'Before',
  'After',
  'Entry id',
] as const;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell, neutralised against formulas and quoted when it must be. */
export function csvCell(value: string | null | undefined): string {
  let cell = value ?? '';
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvRecord(cells: ReadonlyArray<string | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditCsvHeader(): string {
  return csvRecord(AUDIT_CSV_COLUMNS);
}

/** "2026-11-21 11:05:09" in the zone: what a reader compares with the screen. */
export function localTimestamp(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export function auditCsvLine(row: AuditCsvRow, timeZone: string): string {
  return csvRecord([
    row.at.toISOString(),
    localTimestamp(row.at, timeZone),
    row.actorName ?? (row.actorEmail ? null : 'Panel (automatic)'),
    row.actorEmail,
    actionLabel(row.action),
    row.action,
    row.summary,
    row.targetType,
    row.targetId,
    row.cardId,
    row.ip,
    json(row.before),
    json(row.after),
    row.id,
  ]);
}

/** audit-log-2026-11-21.csv, dated in the reader's zone. */
export function auditExportFileName(now: Date, timeZone: string): string {
  return `audit-log-${localTimestamp(now, timeZone).slice(0, 10)}.csv`;
}
