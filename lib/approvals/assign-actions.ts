'use server';

import { defineAction } from '@/lib/actions/define-action';
import { assignCardActionDefinition, pollAssignedCardDefinition } from './assign-action-definitions';

// The assign form's server actions, bound to Next; definitions in assign-action-definitions.ts.

export const assignCardAction = defineAction(assignCardActionDefinition);
export const pollAssignedCard = defineAction(pollAssignedCardDefinition);
