import { formatMinorAsInput } from '@/lib/money';
import type { Approval } from '@/lib/sparados/domain/approval';
import type { RulesFormValues } from './assign-schema';
import { LIMIT_API_TYPES, LIMIT_KINDS, fromApiLimit, type LimitFormValue, type LimitsFormValue } from './limits';

// An approval as Sparados returned it, turned back into the rules form's values: what an edit
// (the card page's form, a CSV edit row) starts from. Client-safe.

function limitFormOf(approval: Approval, type: string, currency: string): LimitFormValue {
  const entry = approval.limits.find((l) => l.rawType === type);
  const value = fromApiLimit(entry ? { amountMinor: entry.amountMinor, timeUnit: typeof entry.timeUnit === 'string' ? entry.timeUnit : null } : undefined);
  if (value.mode !== 'amount') return { mode: value.mode, amount: '', period: 'monthly' };
  return { mode: 'amount', amount: formatMinorAsInput(value.amountMinor, currency), period: value.period };
}

export function rulesValuesFromApproval(approval: Approval, currency: string, fallbackTimezone: string): RulesFormValues {
  const limits = Object.fromEntries(LIMIT_KINDS.map((kind) => [kind, limitFormOf(approval, LIMIT_API_TYPES[kind], currency)])) as LimitsFormValue;
  const allow = approval.limits.find((l) => l.rawType === 'mcc_whitelist');
  const block = approval.limits.find((l) => l.rawType === 'mcc_blacklist');
  const rule = allow ?? block;
  return {
    currency,
    budget: formatMinorAsInput(approval.budgetMinor, currency),
    // Instants with their offset: the form reads them as sent, whatever the zone.
    startDate: approval.validity.startDate.toISOString(),
    endDate: approval.validity.endDate.toISOString(),
    timezone: approval.validity.timezone ?? fallbackTimezone,
    limits,
    mcc: rule ? { mode: allow ? 'allow' : 'block', categories: [], codes: rule.mccList.join(' ') } : { mode: 'none', categories: [], codes: '' },
    visualId: approval.card.visualId ?? '',
    description: approval.card.description ?? '',
    tags: approval.tags,
    allowChangeRequest: approval.allowChangeRequest,
  };
}
