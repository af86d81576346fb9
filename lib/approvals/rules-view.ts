import { formatMinorAsInput } from '@/lib/money';
import { LIMIT_API_TYPES, LIMIT_KINDS, DEFAULT_LIMIT_FORM, describeLimit, fromApiLimit, type LimitsFormValue } from './limits';
import { expandMccEntries, type MccCategory, type MccMode } from './mcc';

// An approval's stored rules (Approval.rules, as lib/approvals/store.ts writes them) read back for
// people: limits in words on the card page, and the edit form's starting values. Pure, client-safe.

export interface StoredLimit {
  type: string;
  amountMinor: number | null;
  timeUnit: string | null;
  mccList?: string[];
}

export interface StoredRules {
  limits: StoredLimit[];
  ecommerce?: boolean;
  visualId?: string | null;
}

export function readStoredRules(json: unknown): StoredRules {
  const value = (json ?? {}) as Partial<StoredRules>;
  return { limits: Array.isArray(value.limits) ? value.limits : [], ecommerce: value.ecommerce, visualId: value.visualId ?? null };
}

const MAX_LISTED_CODES = 8;

/** Names whole categories covered by the codes, then lists the codes left over. */
export function describeMccList(codes: readonly string[], catalog: readonly MccCategory[]): string {
  const remaining = new Set(codes);
  const names: string[] = [];
  for (const category of catalog) {
    const covered = expandMccEntries(category.codes);
    if (covered.length > 0 && covered.every((code) => remaining.has(code))) {
      names.push(category.label);
      for (const code of covered) remaining.delete(code);
    }
  }
  const left = [...remaining].sort();
  const listed = left.slice(0, MAX_LISTED_CODES).join(', ');
  const more = left.length > MAX_LISTED_CODES ? ` and ${left.length - MAX_LISTED_CODES} more codes` : '';
  return [...names, ...(listed ? [`MCC ${listed}${more}`] : [])].join('; ');
}

/** "General: Sparados default", "Online: PLN 200.00 per week", "ATM: disabled", "Merchants: only Restaurants and bars". */
export function limitsInWords(rules: StoredRules, currency: string, catalog: readonly MccCategory[] = []): string[] {
  const lines = LIMIT_KINDS.map((kind) => describeLimit(kind, fromApiLimit(rules.limits.find((l) => l.type === LIMIT_API_TYPES[kind])), currency));
  const allow = rules.limits.find((l) => l.type === 'mcc_whitelist');
  const block = rules.limits.find((l) => l.type === 'mcc_blacklist');
  if (allow) lines.push(`Merchants: only ${describeMccList(allow.mccList ?? [], catalog) || 'none (every payment is refused)'}`);
  if (block) lines.push(`Merchants: all except ${describeMccList(block.mccList ?? [], catalog) || 'none'}`);
  if (!allow && !block) lines.push('Merchants: all');
  return lines;
}

/** The limits editor's values for stored rules (amounts as typed text in major units). */
export function limitsToForm(rules: StoredRules, currency: string): LimitsFormValue {
  const form = {} as LimitsFormValue;
  for (const kind of LIMIT_KINDS) {
    const value = fromApiLimit(rules.limits.find((l) => l.type === LIMIT_API_TYPES[kind]));
    form[kind] =
      value.mode === 'amount'
        ? { mode: 'amount', amount: formatMinorAsInput(value.amountMinor, currency), period: value.period }
        : { ...DEFAULT_LIMIT_FORM, mode: value.mode };
  }
  return form;
}

/** The MCC editor's values: whole categories ticked, the other codes typed. */
export function mccToForm(rules: StoredRules, catalog: readonly MccCategory[]): { mode: MccMode; categories: string[]; codes: string } {
  const rule = rules.limits.find((l) => l.type === 'mcc_whitelist' || l.type === 'mcc_blacklist');
  if (!rule) return { mode: 'none', categories: [], codes: '' };
  const remaining = new Set(rule.mccList ?? []);
  const categories: string[] = [];
  for (const category of catalog) {
    const covered = expandMccEntries(category.codes);
    if (covered.length > 0 && covered.every((code) => remaining.has(code))) {
      categories.push(category.key);
      for (const code of covered) remaining.delete(code);
    }
  }
  return { mode: rule.type === 'mcc_whitelist' ? 'allow' : 'block', categories, codes: [...remaining].sort().join(', ') };
}
