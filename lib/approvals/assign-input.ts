import { toSafeNumber } from '@/lib/money';
import { validityToWire } from '@/lib/sparados/endpoints';
import type { CreateApprovalInput, EditApprovalInput, LimitInput, RulesInput } from '@/lib/sparados/schemas/approvals';
import type { ParsedRules } from './assign-schema';
import { LIMIT_KINDS, NEUTRAL_TIME_UNIT, toApiLimit } from './limits';
import { mccCodesOf, type MccCategory } from './mcc';

// Pure transforms from the parsed form to the Sparados client's request types. Client-safe.

/** Who the approval is for, as resolved by the server (a stored cardholder, or a Sparados user). */
export type ApprovalUserInput =
  | { kind: 'full'; userId: string }
  | {
      kind: 'simple';
      email: string;
      phonePrefix: string;
      phoneNumber: string;
      firstName?: string | null;
      lastName?: string | null;
      /** YYYY-MM-DD */
      birthDate?: string | null;
      nationality?: string | null;
    };

export interface RulesForm extends ParsedRules {
  allowChangeRequest: boolean;
  visualId: string | null;
  description: string | null;
  tags: string[];
}

/** Sparados' limit list: the four amount limits (those left to Sparados' default omitted) and the MCC rule. */
export function toLimitInputs(rules: Pick<ParsedRules, 'limits' | 'mcc'>, mccCatalog: readonly MccCategory[]): LimitInput[] {
  const limits: LimitInput[] = [];
  for (const kind of LIMIT_KINDS) {
    const entry = toApiLimit(kind, rules.limits[kind]);
    if (entry) limits.push(entry);
  }
  if (rules.mcc.mode !== 'none') {
    const mccList = mccCodesOf(rules.mcc.categories, rules.mcc.codes, mccCatalog);
    // Seed 001 requires amountMinor and timeUnit on MCC rules too; their values mean nothing there.
    if (mccList.length > 0) limits.push({ type: rules.mcc.mode === 'allow' ? 'mcc_whitelist' : 'mcc_blacklist', amountMinor: 0, timeUnit: NEUTRAL_TIME_UNIT, mccList });
  }
  return limits;
}

export function toRulesInput(form: RulesForm, mccCatalog: readonly MccCategory[]): RulesInput {
  return {
    budgetMinor: toSafeNumber(form.budgetMinor),
    validityPeriod: validityToWire(form.validity.start, form.validity.end, form.validity.timezone),
    limits: toLimitInputs(form, mccCatalog),
    // Sparados: "always true for now".
    purpose: { ecommerce: true, allowChangeRequest: form.allowChangeRequest },
  };
}

function cardInput(form: RulesForm): NonNullable<CreateApprovalInput['card']> {
  return { description: form.description, ...(form.visualId ? { visual: { id: form.visualId } } : {}) };
}

/** Full API user ids are integers in Sparados' examples; send digits as a number. */
function userIdValue(id: string): string | number {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

function userInput(user: ApprovalUserInput): CreateApprovalInput['user'] {
  if (user.kind === 'full') return { id: userIdValue(user.userId) };
  return {
    email: user.email,
    prefix: user.phonePrefix,
    phone: user.phoneNumber,
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    // The approval's birthDate is a date-time; midnight UTC keeps the calendar date in every zone's reading of it.
    ...(user.birthDate ? { birthDate: `${user.birthDate}T00:00:00.000Z` } : {}),
    ...(user.nationality ? { nationality: user.nationality } : {}),
  };
}

export function toCreateApprovalInput(
  form: RulesForm & { cardAliasId: string },
  user: ApprovalUserInput,
  mccCatalog: readonly MccCategory[],
): CreateApprovalInput {
  return {
    balance: { id: form.cardAliasId },
    user: userInput(user),
    rules: toRulesInput(form, mccCatalog),
    card: cardInput(form),
    tags: form.tags,
  };
}

export function toEditApprovalInput(form: RulesForm, mccCatalog: readonly MccCategory[]): EditApprovalInput {
  return { rules: toRulesInput(form, mccCatalog), card: cardInput(form), tags: form.tags };
}
