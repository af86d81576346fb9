import { z } from 'zod';
import { formatMoney, isCurrencyCode, parseAmount } from '@/lib/money';
import { LIMIT_KINDS, LIMIT_LABELS, LIMIT_MODES, PERIODS, limitWarnings, parseLimitForm, type LimitsValue, type LimitKind } from './limits';
import { MAX_MCC_CODES, MCC_MODES, mccRuleSize, parseMccCodes, type MccCategory, type MccMode } from './mcc';
import { isTimeZone, parseValidityDate } from './validity';

// THE schema of the assign form (issue 5 item 4). The browser checks the form with it before
// sending; the server action parses the same input with it again. Client-safe: no server imports.
// Amounts stay the typed text until the currency of the chosen account is known, then become
// integer minor units (bigint). Checks that need server data (the account list, the visuals, the
// MCC categories in Settings) are in checkAssignContext, which both sides run with the same data.

export const DESCRIPTION_MAX = 100;
export const TAG_MAX = 40;
export const TAGS_MAX = 20;

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);
const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).default('');

/**
 * One message per field: the first rule the value breaks. (zod's `abort` would also stop the
 * form-level checks, hiding other fields' errors until this one is fixed.)
 */
function firstFailing(rules: ReadonlyArray<readonly [(value: string) => boolean, string]>) {
  return z.superRefine<string>((value, ctx) => {
    const broken = rules.find(([ok]) => !ok(value));
    if (broken) ctx.addIssue({ code: 'custom', message: broken[1] });
  });
}

const email = z
  .string({ error: 'Enter the e-mail address' })
  .trim()
  .toLowerCase()
  .check(
    firstFailing([
      [(v) => v.length > 0, 'Enter the e-mail address'],
      [(v) => v.length <= 254, 'The e-mail address is too long'],
      [(v) => z.regexes.email.test(v), 'Enter a valid e-mail address, like name@company.com'],
    ]),
  );

/** Country calling code without "+" (a typed "+" is dropped): what Sparados calls `prefix`. */
const phonePrefix = z
  .string({ error: 'Enter the country calling code' })
  .trim()
  .transform((v) => v.replace(/^\+/, ''))
  .check(
    firstFailing([
      [(v) => v.length > 0, 'Enter the country calling code, e.g. 48'],
      [(v) => /^\d{1,4}$/.test(v), 'The phone prefix has 1 to 4 digits, e.g. 48 (without +)'],
    ]),
  );

/** Digits only; spaces, dashes and dots people type for readability are dropped. */
const phoneNumber = z
  .string({ error: 'Enter the phone number' })
  .trim()
  .transform((v) => v.replace(/[\s.\-()]/g, ''))
  .check(
    firstFailing([
      [(v) => v.length > 0, 'Enter the phone number'],
      [(v) => /^\d{5,15}$/.test(v), 'The phone number has 5 to 15 digits, without the country code'],
    ]),
  );

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  // DisplayNames echoes codes it does not know; a known region gets a name.
  try {
    return regionNames ? regionNames.of(code) !== code : true;
  } catch {
    return false;
  }
}

const nationality = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === '' || isCountryCode(v), 'Nationality: use a two-letter country code, e.g. PL');

const birthDate = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Date of birth: use the form YYYY-MM-DD')
  .refine((v) => {
    if (v === '' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return true;
    const date = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v) && v >= '1900-01-01' && date.getTime() < Date.now();
  }, 'Enter a real date of birth in the past');

const personName = (label: string) => text(100, `${label} is too long (at most 100 characters)`).default('');

/** The contact fields, for the cardholder edit form (same rules as the assign form). */
export const contactFieldSchemas = {
  email,
  phonePrefix,
  phoneNumber,
  firstName: personName('The first name'),
  lastName: personName('The last name'),
  birthDate: birthDate.default(''),
  nationality: nationality.default(''),
};

const newCardholder = z.object({
  kind: z.literal('new'),
  /** Full API: create a Sparados user for this person (then names, birth date and nationality are needed). */
  fullApi: z.boolean().default(false),
  email,
  phonePrefix,
  phoneNumber,
  firstName: personName('The first name'),
  lastName: personName('The last name'),
  birthDate: birthDate.default(''),
  nationality: nationality.default(''),
});

export const cardholderChoiceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('existing'), cardholderId: z.uuid('Choose a cardholder from the list') }),
    newCardholder,
    z.object({
      kind: z.literal('sparadosUser'),
      sparadosUserId: z
        .string({ error: 'Enter the Sparados user id' })
        .trim()
        .check(
          firstFailing([
            [(v) => v.length > 0, 'Enter the Sparados user id'],
            [(v) => /^[A-Za-z0-9-]{1,64}$/.test(v), 'A Sparados user id has only letters, digits and dashes'],
          ]),
        ),
    }),
  ],
  { error: 'Choose who gets the card' },
);
export type CardholderChoiceInput = z.input<typeof cardholderChoiceSchema>;
export type CardholderChoice = z.output<typeof cardholderChoiceSchema>;
export type NewCardholder = z.output<typeof newCardholder>;

const limitFormSchema = (kind: LimitKind) =>
  z.object({
    mode: z.enum(LIMIT_MODES, { error: `${LIMIT_LABELS[kind]} limit: choose Sparados default${kind === 'general' ? '' : ', disabled'} or an amount` }),
    amount: z.string().default(''),
    period: z.enum(PERIODS, { error: `${LIMIT_LABELS[kind]} limit: choose per day, week or month` }).default('monthly'),
  });

const mccFormSchema = z.object({
  mode: z.enum(MCC_MODES, { error: 'Choose a merchant rule' }).default('none'),
  categories: z.array(z.string()).default([]),
  codes: z.string().default(''),
});

/** Splits typed tags on commas, semicolons or bars. */
export function splitTags(value: string): string[] {
  return value
    .split(/[,;|]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

// The rules part, shared by the assign form, the card page's edit form and the CSV import.
export const rulesFormShape = {
  /** The account's currency (checked against the account list by checkAssignContext). */
  currency: z.string({ error: 'Choose an account' }).refine(isCurrencyCode, 'Choose an account'),
  budget: z.string({ error: 'Enter the budget' }),
  startDate: z.string({ error: 'Enter the start date' }),
  endDate: z.string({ error: 'Enter the end date' }),
  timezone: z.string({ error: 'Choose a time zone' }).trim().refine(isTimeZone, 'Choose a time zone from the list'),
  limits: z.object({
    general: limitFormSchema('general'),
    ecommerce: limitFormSchema('ecommerce'),
    atm: limitFormSchema('atm'),
    foreign: limitFormSchema('foreign'),
  }),
  mcc: mccFormSchema.default({ mode: 'none', categories: [], codes: '' }),
  visualId: z.string().trim().default(''),
  description: optionalText(DESCRIPTION_MAX, `The description can have at most ${DESCRIPTION_MAX} characters`),
  tags: z
    .array(z.string().trim().min(1, 'A tag cannot be empty').max(TAG_MAX, `A tag can have at most ${TAG_MAX} characters`))
    .max(TAGS_MAX, `At most ${TAGS_MAX} tags`)
    .default([]),
  allowChangeRequest: z.boolean().default(false),
};

type RulesRaw = {
  currency: string;
  budget: string;
  startDate: string;
  endDate: string;
  timezone: string;
  limits: Record<LimitKind, { mode: string; amount: string; period: string }>;
  mcc: { mode: MccMode; categories: string[]; codes: string };
};

export interface ParsedRules {
  budgetMinor: bigint;
  validity: { start: Date; end: Date; timezone: string };
  limits: LimitsValue;
  mcc: { mode: MccMode; categories: string[]; codes: string[] };
}

type Issue = { path: (string | number)[]; message: string };

/** "Budget: use at most 2 decimal places": a message that says which field it is about. */
export function named(label: string, message: string): string {
  if (message.toLowerCase().includes(label.toLowerCase())) return message;
  return `${label}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/**
 * The checks that need more than one field (the currency for amounts, the zone for dates). Runs on
 * whatever parsed so far, so every field's error shows at once rather than one group at a time.
 */
export function interpretRules(raw: Partial<RulesRaw>, now: Date = new Date()): { issues: Issue[]; rules: ParsedRules | null } {
  const issues: Issue[] = [];
  const currency = typeof raw.currency === 'string' && isCurrencyCode(raw.currency) ? raw.currency : null;

  let budgetMinor: bigint | null = null;
  if (currency && typeof raw.budget === 'string') {
    const budget = parseAmount(raw.budget, currency);
    if (budget.ok) budgetMinor = budget.minor;
    else issues.push({ path: ['budget'], message: budget.error === 'EMPTY' ? 'Enter the budget' : named('Budget', budget.message) });
  }

  const timezone = typeof raw.timezone === 'string' && isTimeZone(raw.timezone.trim()) ? raw.timezone.trim() : null;
  let start: Date | null = null;
  let end: Date | null = null;
  if (timezone) {
    if (typeof raw.startDate === 'string') {
      const parsed = parseValidityDate(raw.startDate, timezone, 'start');
      if (parsed.ok) start = parsed.instant;
      else issues.push({ path: ['startDate'], message: named('Start date', parsed.message) });
    }
    if (typeof raw.endDate === 'string') {
      const parsed = parseValidityDate(raw.endDate, timezone, 'end');
      if (parsed.ok) end = parsed.instant;
      else issues.push({ path: ['endDate'], message: named('End date', parsed.message) });
    }
    if (start && end && end.getTime() <= start.getTime()) {
      issues.push({ path: ['endDate'], message: 'The end date must be after the start date' });
      end = null;
    } else if (end && end.getTime() <= now.getTime()) {
      issues.push({ path: ['endDate'], message: 'The end date must be in the future' });
      end = null;
    }
  }

  const limits: Partial<LimitsValue> = {};
  if (currency && raw.limits && typeof raw.limits === 'object') {
    for (const kind of LIMIT_KINDS) {
      const form = raw.limits[kind];
      // A bad mode or period is the schema's to report.
      if (!form || typeof form !== 'object' || !(LIMIT_MODES as readonly string[]).includes(form.mode)) continue;
      if (form.mode === 'amount' && !(PERIODS as readonly string[]).includes(form.period)) continue;
      const parsed = parseLimitForm(kind, form as Parameters<typeof parseLimitForm>[1], currency);
      if (parsed.ok) limits[kind] = parsed.value;
      else issues.push({ path: ['limits', kind, parsed.field], message: named(`${LIMIT_LABELS[kind]} limit`, parsed.message) });
    }
  }

  let mcc: ParsedRules['mcc'] | null = null;
  if (raw.mcc && typeof raw.mcc === 'object' && (MCC_MODES as readonly string[]).includes(raw.mcc.mode)) {
    const codes = parseMccCodes(typeof raw.mcc.codes === 'string' ? raw.mcc.codes : '');
    const categories = Array.isArray(raw.mcc.categories) ? raw.mcc.categories : [];
    if (!codes.ok) issues.push({ path: ['mcc', 'codes'], message: named('MCC codes', codes.message) });
    else if (raw.mcc.mode !== 'none' && codes.codes.length === 0 && categories.length === 0) {
      issues.push({ path: ['mcc', 'categories'], message: 'Pick at least one category or enter MCC codes, or choose "No merchant rule"' });
    } else {
      mcc = raw.mcc.mode === 'none' ? { mode: 'none', categories: [], codes: [] } : { mode: raw.mcc.mode, categories, codes: codes.codes };
    }
  }

  const complete = budgetMinor !== null && start && end && timezone && mcc && LIMIT_KINDS.every((k) => limits[k]);
  return {
    issues,
    rules: complete ? { budgetMinor: budgetMinor!, validity: { start: start!, end: end!, timezone: timezone! }, limits: limits as LimitsValue, mcc: mcc! } : null,
  };
}

function addIssues(issues: Issue[], ctx: z.RefinementCtx): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}

type RulesFields = z.output<z.ZodObject<typeof rulesFormShape>>;

function finishRules(value: RulesFields) {
  const { rules } = interpretRules(value as RulesRaw);
  // The refinement reported every way interpretRules can fail, so this never happens.
  if (!rules) throw new Error('rules did not parse after validation');
  return {
    currency: value.currency,
    ...rules,
    visualId: value.visualId || null,
    description: value.description || null,
    tags: [...new Set(value.tags)],
    allowChangeRequest: value.allowChangeRequest,
  };
}

/** The rules alone: the card page's edit form and the CSV import's edit rows. */
export const rulesFormSchema = z
  .object(rulesFormShape)
  .superRefine((value, ctx) => addIssues(interpretRules(value as Partial<RulesRaw>).issues, ctx), { when: () => true })
  .transform(finishRules);
export type RulesFormValues = z.input<typeof rulesFormSchema>;
export type RulesFormParsed = z.output<typeof rulesFormSchema>;

export const assignFormSchema = z
  .object({
    /** Made once per form instance by the browser: a double click or a retry creates one approval. */
    idempotencyKey: z.uuid('The form is out of date: reload the page'),
    cardholder: cardholderChoiceSchema,
    cardAliasId: z.string({ error: 'Choose an account' }).trim().min(1, 'Choose an account'),
    ...rulesFormShape,
  })
  .superRefine(
    (value, ctx) => {
      const cardholder = value.cardholder as Partial<NewCardholder> | undefined;
      if (cardholder?.kind === 'new' && cardholder.fullApi) {
        // Sparados' user registration needs all four (API-REFERENCE §5).
        if (!cardholder.firstName) ctx.addIssue({ code: 'custom', path: ['cardholder', 'firstName'], message: 'Enter the first name (needed to create a Sparados user)' });
        if (!cardholder.lastName) ctx.addIssue({ code: 'custom', path: ['cardholder', 'lastName'], message: 'Enter the last name (needed to create a Sparados user)' });
        if (!cardholder.birthDate) ctx.addIssue({ code: 'custom', path: ['cardholder', 'birthDate'], message: 'Enter the date of birth (needed to create a Sparados user)' });
        if (!cardholder.nationality) ctx.addIssue({ code: 'custom', path: ['cardholder', 'nationality'], message: 'Enter the nationality (needed to create a Sparados user)' });
      }
      addIssues(interpretRules(value as Partial<RulesRaw>).issues, ctx);
    },
    { when: () => true },
  )
  .transform((value) => ({
    idempotencyKey: value.idempotencyKey,
    cardholder: value.cardholder,
    cardAliasId: value.cardAliasId,
    ...finishRules(value),
  }));

export type AssignFormValues = z.input<typeof assignFormSchema>;
export type AssignForm = z.output<typeof assignFormSchema>;

// ---- checks against server data, and warnings ----

export interface AssignContext {
  accounts: ReadonlyArray<{ cardAliasId: string; currency: string; name: string }>;
  visuals: ReadonlyArray<{ id: string }>;
  mccCategories: readonly MccCategory[];
}

/** Errors only the server's lists can reveal; keyed like the schema's. */
export function checkAssignContext(
  form: Pick<AssignForm, 'cardAliasId' | 'currency' | 'visualId' | 'mcc'>,
  context: AssignContext,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const account = context.accounts.find((a) => a.cardAliasId === form.cardAliasId);
  if (!account) errors.cardAliasId = ['Choose one of the company’s accounts'];
  else if (account.currency !== form.currency) errors.budget = [`The account is in ${account.currency}; reload the page`];
  if (form.visualId && !context.visuals.some((v) => v.id === form.visualId)) errors.visualId = ['Choose one of the company’s card visuals'];
  const unknown = form.mcc.categories.filter((key) => !context.mccCategories.some((c) => c.key === key));
  if (unknown.length > 0) errors['mcc.categories'] = [`Unknown merchant categories: ${unknown.join(', ')}`];
  else if (mccRuleSize(form.mcc.categories, form.mcc.codes, context.mccCategories) > MAX_MCC_CODES) {
    errors['mcc.categories'] = [`At most ${MAX_MCC_CODES.toLocaleString('en-GB')} merchant codes in one rule: choose fewer categories`];
  }
  return errors;
}

export interface AssignWarning {
  field: string;
  message: string;
}

/** Things worth a second look before saving, which do not stop it. */
export function assignWarnings(
  form: Pick<AssignForm, 'budgetMinor' | 'currency' | 'limits'>,
  availableBalanceMinor: number | bigint | null,
): AssignWarning[] {
  const warnings: AssignWarning[] = limitWarnings(form.limits, form.currency).map((w) => ({ field: `limits.${w.field}`, message: w.message }));
  if (availableBalanceMinor !== null && form.budgetMinor > BigInt(availableBalanceMinor)) {
    warnings.push({
      field: 'budget',
      message: `The budget (${formatMoney(form.budgetMinor, form.currency)}) is more than the account’s available balance (${formatMoney(availableBalanceMinor, form.currency)}); payments will be declined once the account runs out.`,
    });
  }
  return warnings;
}

// ---- labels for the error summary ----

const FIELD_LABELS: Record<string, string> = {
  idempotencyKey: 'Form',
  cardholder: 'Cardholder',
  'cardholder.kind': 'Cardholder',
  'cardholder.cardholderId': 'Cardholder',
  'cardholder.sparadosUserId': 'Sparados user id',
  'cardholder.email': 'E-mail',
  'cardholder.phonePrefix': 'Phone prefix',
  'cardholder.phoneNumber': 'Phone number',
  'cardholder.firstName': 'First name',
  'cardholder.lastName': 'Last name',
  'cardholder.birthDate': 'Date of birth',
  'cardholder.nationality': 'Nationality',
  cardAliasId: 'Account',
  currency: 'Account',
  budget: 'Budget',
  startDate: 'Start date',
  endDate: 'End date',
  timezone: 'Time zone',
  'mcc.mode': 'Merchant rule',
  'mcc.categories': 'Merchant categories',
  'mcc.codes': 'MCC codes',
  visualId: 'Card visual',
  description: 'Description',
  tags: 'Tags',
  allowChangeRequest: 'Change requests',
};

/** The label a person sees for a field path ("limits.atm.amount" → "ATM limit amount"). */
export function fieldLabel(path: string): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path];
  const limit = /^limits\.(\w+)(?:\.(\w+))?$/.exec(path);
  if (limit && limit[1] in LIMIT_LABELS) {
    const label = `${LIMIT_LABELS[limit[1] as LimitKind]} limit`;
    return limit[2] === 'amount' ? `${label} amount` : limit[2] === 'period' ? `${label} period` : label;
  }
  if (path.startsWith('tags.')) return 'Tags';
  return path;
}
