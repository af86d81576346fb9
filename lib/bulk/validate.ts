import {
  assignFormSchema,
  checkAssignContext,
  rulesFormSchema,
  splitTags,
  type AssignContext,
  type AssignFormValues,
  type RulesFormValues,
} from '@/lib/approvals/assign-schema';
import { LIMIT_KINDS, defaultLimitsForm, limitCellToForm, type LimitKind } from '@/lib/approvals/limits';
import { BULK_OPERATIONS, type BulkColumn, type BulkOperation } from './columns';
import type { BulkCells } from './parse';

// Checking one CSV row, cell by cell, with the assign form's own schema: the row becomes the form's
// values, the schema's issues come back keyed by the form's fields, and each is put on its column.
// Client-safe; the server runs it on upload and again (with the current approval) when processing.

export interface BulkContext extends AssignContext {
  /** The account of the import's assign rows, its currency, and the zone of rows without one. */
  cardAliasId: string;
  currency: string;
  timezone: string;
}

export interface CellError {
  /** The column the error is about, or "row" when it concerns the row as a whole. */
  column: BulkColumn | 'row';
  message: string;
}

export const LIMIT_COLUMNS = {
  general: 'limitGeneral',
  ecommerce: 'limitEcommerce',
  atm: 'limitAtm',
  foreign: 'limitForeign',
} as const satisfies Record<LimitKind, BulkColumn>;

// Entries starting with a digit are codes (checked as such); the rest are category keys.
const MCC_CODE_LIKE = /^\d/;
const RULE_COLUMNS: readonly BulkColumn[] = [
  'totalAmount', 'startDate', 'endDate', 'timezone', 'limitGeneral', 'limitEcommerce', 'limitAtm', 'limitForeign', 'mccAllow', 'mccBlock', 'description', 'visualId', 'tags',
];

export function operationOf(cells: BulkCells): BulkOperation | null {
  const value = (cells.operation ?? '').trim().toLowerCase();
  if (value === '') return 'assign';
  return (BULK_OPERATIONS as readonly string[]).includes(value) ? (value as BulkOperation) : null;
}

type MccValues = RulesFormValues['mcc'] & {};

function mccOfCells(cells: BulkCells): { mcc: MccValues; column: 'mccAllow' | 'mccBlock' | null; error?: CellError } {
  const allow = (cells.mccAllow ?? '').trim();
  const block = (cells.mccBlock ?? '').trim();
  if (allow && block) return { mcc: { mode: 'none', categories: [], codes: '' }, column: null, error: { column: 'mccBlock', message: 'Fill mccAllow or mccBlock, not both' } };
  const column = allow ? 'mccAllow' : block ? 'mccBlock' : null;
  const text = allow || block;
  if (!column || text.toLowerCase() === 'none') return { mcc: { mode: 'none', categories: [], codes: '' }, column };
  const entries = text.split(/[;|,\s]+/).filter(Boolean);
  return {
    mcc: {
      mode: column === 'mccAllow' ? 'allow' : 'block',
      codes: entries.filter((e) => MCC_CODE_LIKE.test(e)).join(' '),
      categories: entries.filter((e) => !MCC_CODE_LIKE.test(e)).map((e) => e.toLowerCase()),
    },
    column,
  };
}

function emptyRules(context: BulkContext): RulesFormValues {
  return {
    currency: context.currency,
    budget: '',
    startDate: '',
    endDate: '',
    timezone: context.timezone,
    limits: defaultLimitsForm(),
    mcc: { mode: 'none', categories: [], codes: '' },
    visualId: '',
    description: '',
    tags: [],
    allowChangeRequest: false,
  };
}

/**
 * The rules form's values with the row's filled cells laid over `base` (empty values for an assign,
 * the approval's current values for an edit). Also returns which columns the row filled.
 */
export function rulesValuesFromCells(
  cells: BulkCells,
  context: BulkContext,
  base: RulesFormValues = emptyRules(context),
): { values: RulesFormValues; errors: CellError[]; filled: Set<BulkColumn>; mccColumn: 'mccAllow' | 'mccBlock' | null } {
  const filled = new Set(RULE_COLUMNS.filter((column) => (cells[column] ?? '').trim() !== ''));
  const errors: CellError[] = [];
  const values: RulesFormValues = { ...base, limits: { ...(base.limits ?? defaultLimitsForm()) } };
  if (filled.has('totalAmount')) values.budget = cells.totalAmount!;
  if (filled.has('startDate')) values.startDate = cells.startDate!;
  if (filled.has('endDate')) values.endDate = cells.endDate!;
  if (filled.has('timezone')) values.timezone = cells.timezone!;
  for (const kind of LIMIT_KINDS) {
    const column = LIMIT_COLUMNS[kind];
    if (!filled.has(column)) continue;
    const parsed = limitCellToForm(kind, cells[column]!);
    if ('error' in parsed) errors.push({ column, message: parsed.error });
    else values.limits[kind] = parsed.form;
  }
  const mcc = mccOfCells(cells);
  if (mcc.error) errors.push(mcc.error);
  else if (mcc.column) values.mcc = mcc.mcc;
  if (filled.has('description')) values.description = cells.description!;
  if (filled.has('visualId')) values.visualId = cells.visualId!;
  if (filled.has('tags')) values.tags = splitTags(cells.tags!);
  return { values, errors, filled, mccColumn: mcc.column };
}

/** Which column a schema field belongs to. */
export function columnOfField(path: string, mccColumn: 'mccAllow' | 'mccBlock' | null): BulkColumn | 'row' {
  if (path.startsWith('cardholder.email')) return 'email';
  if (path.startsWith('cardholder.phonePrefix')) return 'phonePrefix';
  if (path.startsWith('cardholder.phoneNumber')) return 'phoneNumber';
  if (path === 'budget') return 'totalAmount';
  if (path === 'startDate' || path === 'endDate' || path === 'timezone' || path === 'description' || path === 'visualId') return path;
  if (path.startsWith('tags')) return 'tags';
  if (path.startsWith('mcc')) return mccColumn ?? 'mccAllow';
  const limit = /^limits\.(\w+)/.exec(path);
  if (limit && limit[1] in LIMIT_COLUMNS) return LIMIT_COLUMNS[limit[1] as LimitKind];
  return 'row';
}

function issuesByColumn(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, mccColumn: 'mccAllow' | 'mccBlock' | null): CellError[] {
  return issues.map((issue) => ({ column: columnOfField(issue.path.map(String).join('.'), mccColumn), message: issue.message }));
}

/** The checks against the company's lists run on the raw values, so they show with the rest. */
function contextErrors(values: RulesFormValues, context: BulkContext, mccColumn: 'mccAllow' | 'mccBlock' | null): CellError[] {
  const form = {
    cardAliasId: context.cardAliasId,
    currency: context.currency,
    visualId: values.visualId?.trim() || null,
    mcc: { mode: values.mcc?.mode ?? 'none', categories: values.mcc?.categories ?? [], codes: [] },
  };
  return Object.entries(checkAssignContext(form, context)).flatMap(([field, messages]) =>
    messages.map((message) => ({ column: columnOfField(field, mccColumn), message })),
  );
}

/** The assign form's values for an assign row (Simple API: the contact is the row's). */
export function assignValuesFromCells(cells: BulkCells, context: BulkContext, idempotencyKey: string) {
  const rules = rulesValuesFromCells(cells, context);
  const values: AssignFormValues = {
    ...rules.values,
    idempotencyKey,
    cardAliasId: context.cardAliasId,
    cardholder: { kind: 'new', fullApi: false, email: cells.email ?? '', phonePrefix: cells.phonePrefix ?? '', phoneNumber: cells.phoneNumber ?? '' },
  };
  return { values, errors: rules.errors, mccColumn: rules.mccColumn };
}

// Any valid key will do for checking; processing uses the row's own key.
const CHECK_KEY = '00000000-0000-4000-8000-000000000000';

export function validateAssignCells(cells: BulkCells, context: BulkContext): CellError[] {
  const { values, errors, mccColumn } = assignValuesFromCells(cells, context, CHECK_KEY);
  const parsed = assignFormSchema.safeParse(values);
  return [...errors, ...(parsed.success ? [] : issuesByColumn(parsed.error.issues, mccColumn)), ...contextErrors(values, context, mccColumn)];
}

/**
 * An edit row changes only what it fills, so only those cells are checked now, against stand-in
 * values for the rest; the whole result is checked again with the approval's current values
 * when the row is processed.
 */
export function validateEditCells(cells: BulkCells, context: BulkContext): CellError[] {
  const errors: CellError[] = [];
  const approvalId = (cells.approvalId ?? '').trim();
  if (!approvalId) errors.push({ column: 'approvalId', message: 'An edit row needs the approvalId of the card to change' });
  else if (!/^[A-Za-z0-9-]{1,64}$/.test(approvalId)) errors.push({ column: 'approvalId', message: 'This is not an approval id' });

  const standIn: RulesFormValues = { ...emptyRules(context), budget: '1', startDate: '2000-01-01', endDate: '9999-12-31' };
  const { values, errors: cellErrors, filled, mccColumn } = rulesValuesFromCells(cells, context, standIn);
  if (filled.size === 0) errors.push({ column: 'row', message: 'An edit row must fill at least one column to change' });
  const parsed = rulesFormSchema.safeParse(values);
  const found = [...(parsed.success ? [] : issuesByColumn(parsed.error.issues, mccColumn)), ...contextErrors(values, context, mccColumn)];
  return [...errors, ...cellErrors, ...found.filter((e) => e.column === 'row' || filled.has(e.column) || (e.column === mccColumn && mccColumn !== null))];
}

export function validateBulkRow(cells: BulkCells, context: BulkContext): { operation: BulkOperation | null; errors: CellError[] } {
  const operation = operationOf(cells);
  if (!operation) return { operation, errors: [{ column: 'operation', message: 'The operation must be assign or edit' }] };
  return { operation, errors: operation === 'assign' ? validateAssignCells(cells, context) : validateEditCells(cells, context) };
}
