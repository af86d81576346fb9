'use server';

import { defineAction } from '@/lib/actions/define-action';
import { lockCardDefinition, unlockCardDefinition, cancelApprovalDefinition, unassignCardDefinition, acceptChangeRequestDefinition, rejectChangeRequestDefinition, changeBudgetDefinition, editCardDefinition } from './card-action-definitions';

// Server actions of the card page, bound to Next; their definitions (permission, run, audit sentence)
// live in card-action-definitions.ts so scripts can run the same ones through runAction.

export const lockCard = defineAction(lockCardDefinition);
export const unlockCard = defineAction(unlockCardDefinition);
export const cancelApproval = defineAction(cancelApprovalDefinition);
export const unassignCard = defineAction(unassignCardDefinition);
export const acceptChangeRequest = defineAction(acceptChangeRequestDefinition);
export const rejectChangeRequest = defineAction(rejectChangeRequestDefinition);
export const changeBudget = defineAction(changeBudgetDefinition);
export const editCard = defineAction(editCardDefinition);
