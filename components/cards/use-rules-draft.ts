'use client';

import { useCallback, useState } from 'react';
import { splitTags } from '@/lib/approvals/assign-schema';
import type { LimitsFormValue } from '@/lib/approvals/limits';
import type { MccFormValue } from './mcc-editor';

// The rules part of a card form as typed (budget, validity, limits, MCC, visual, description, tags,
// change requests): the assign form and the edit dialog hold the same fields and post them the same
// way (rulesFormShape in lib/approvals/assign-schema.ts); each lays them out its own way.

export interface RulesDraft {
  budget: string;
  startDate: string;
  endDate: string;
  timezone: string;
  limits: LimitsFormValue;
  mcc: MccFormValue;
  visualId: string;
  description: string;
  /** As typed: comma-separated. */
  tags: string;
  allowChangeRequest: boolean;
}

export function useRulesDraft(initial: () => RulesDraft) {
  const [draft, setDraft] = useState(initial);
  /** `set('budget')` is the onChange of the budget field. */
  const set = useCallback(<K extends keyof RulesDraft>(field: K) => (value: RulesDraft[K]) => setDraft((d) => ({ ...d, [field]: value })), []);
  return { draft, set, values: { ...draft, tags: splitTags(draft.tags) } };
}
