// The CSV columns of bulk assign/edit: the Sparados Corporate Panel's format (issue 5 item 6).
// Client-safe: the upload page shows them, the parser and the report use them.

export const BULK_COLUMNS = [
  'operation',
  'approvalId',
  'email',
  'phonePrefix',
  'phoneNumber',
  'totalAmount',
  'startDate',
  'endDate',
  'timezone',
  'limitGeneral',
  'limitEcommerce',
  'limitAtm',
  'limitForeign',
  'mccAllow',
  'mccBlock',
  'description',
  'visualId',
  'tags',
] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];

export const BULK_OPERATIONS = ['assign', 'edit'] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];

export const COLUMN_HINTS = {
  operation: 'assign or edit (empty = assign)',
  approvalId: 'edit rows: the approval to change',
  email: 'assign rows: the cardholder’s e-mail',
  phonePrefix: 'country calling code without +, e.g. 48',
  phoneNumber: 'digits without the country code',
  totalAmount: 'budget in major units, e.g. 1500.00',
  startDate: 'YYYY-MM-DD (or with a time, HH:MM)',
  endDate: 'YYYY-MM-DD (or with a time, HH:MM)',
  timezone: 'IANA zone, e.g. Europe/Warsaw (empty = the import’s)',
  limitGeneral: 'amount:period (daily, weekly, monthly), or default for Sparados\' default',
  limitEcommerce: 'online payments: like limitGeneral, or disabled',
  limitAtm: 'cash withdrawals: like limitGeneral, or disabled',
  limitForeign: 'other currencies: like limitGeneral, or disabled',
  mccAllow: 'allow only: MCC codes, ranges or category keys, separated by ; or |',
  mccBlock: 'block: MCC codes, ranges or category keys, separated by ; or |',
  description: 'shown on the card (at most 100 characters)',
  visualId: 'card visual id (empty = default)',
  tags: 'separated by ; or |',
} as const satisfies Record<BulkColumn, string>;

const BY_NORMALIZED = new Map(BULK_COLUMNS.map((column) => [normalizeHeader(column), column]));

/** Headers match whatever their case, spaces, dashes or underscores ("Total amount" = totalAmount). */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').replace(/[\s_-]+/g, '').toLowerCase();
}

export function columnOf(header: string): BulkColumn | null {
  return BY_NORMALIZED.get(normalizeHeader(header)) ?? null;
}
