import { TZDate } from '@date-fns/tz';
import { formatMinorAsInput } from '@/lib/money';
import { declineReasonInfo } from './decline-reasons';
import type { TransactionRow } from './view-types';

// The export's CSV: one header, one line per mirror row, amounts as exact decimals in major units
// (formatMinorAsInput, no floats), RFC 4180 quoting, CRLF line ends. Text a spreadsheet would run
// as a formula (=, +, -, @ first) is prefixed with an apostrophe (OWASP "CSV injection"). Pure.

export const CSV_COLUMNS = [
  ['occurredAt', 'Date (UTC)'],
  ['localTime', 'Local time'],
  ['status', 'Status'],
  ['type', 'Type'],
  ['amount', 'Amount'],
  ['currency', 'Currency'],
  ['originalAmount', 'Original amount'],
  ['originalCurrency', 'Original currency'],
  ['merchant', 'Merchant'],
  ['mcc', 'MCC'],
  ['category', 'Category'],
  ['country', 'Merchant country'],
  ['cardholder', 'Cardholder'],
  ['email', 'Cardholder e-mail'],
  ['cardLast4', 'Card'],
  ['cardDescription', 'Card description'],
  ['declineReason', 'Decline reason'],
  ['declineExplanation', 'Decline reason in words'],
  ['sparadosId', 'Transaction id'],
  ['approvalId', 'Approval id'],
] as const;

type Column = (typeof CSV_COLUMNS)[number][0];

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: string | null | undefined, options: { text?: boolean } = {}): string {
  let cell = value ?? '';
  if (options.text !== false && FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.map(([, label]) => csvCell(label)).join(',')}\r\n`;
}

function localTime(isoUtc: string, timeZone: string): string {
  const d = new TZDate(new Date(isoUtc).getTime(), timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function csvLine(row: TransactionRow, timeZone: string): string {
  const original = row.foreign ?? { amountMinor: row.amountMinor, currency: row.currency };
  const values: Record<Column, { value: string | null; text?: boolean }> = {
    occurredAt: { value: row.occurredAt, text: false },
    localTime: { value: localTime(row.occurredAt, timeZone), text: false },
    status: { value: row.statusRaw },
    type: { value: row.type },
    amount: { value: formatMinorAsInput(BigInt(row.amountMinor), row.currency), text: false },
    currency: { value: row.currency },
    originalAmount: { value: formatMinorAsInput(BigInt(original.amountMinor), original.currency), text: false },
    originalCurrency: { value: original.currency },
    merchant: { value: row.merchantName },
    mcc: { value: row.mcc },
    category: { value: row.category },
    country: { value: row.merchantCountry },
    cardholder: { value: row.holder?.name ?? null },
    email: { value: row.holder?.email ?? null },
    cardLast4: { value: row.cardLast4 },
    cardDescription: { value: row.cardDescription },
    declineReason: { value: row.declineReason },
    declineExplanation: { value: row.status === 'DECLINED' ? declineReasonInfo(row.declineReason).explanation : null },
    sparadosId: { value: row.sparadosId },
    approvalId: { value: row.approvalSparadosId },
  };
  return `${CSV_COLUMNS.map(([key]) => csvCell(values[key].value, { text: values[key].text })).join(',')}\r\n`;
}

/** A file name that sorts by date: transactions-2026-11-21.csv. */
export function exportFileName(now: Date, timeZone: string): string {
  return `transactions-${localTime(now.toISOString(), timeZone).slice(0, 10)}.csv`;
}
