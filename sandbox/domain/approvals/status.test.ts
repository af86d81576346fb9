import { describe, expect, it } from 'vitest';
import { APPROVAL_STATUSES } from '../../store/types';
import { ACTIONS_BY_STATE, CORPORATION_ACTIONS, isAllowed, type ActionState } from './status';

// Written out from the seeds ("Actions available on approvals") + API-REFERENCE §3 (increase_budget on DELIVERED).
const EXPECTED: Record<ActionState, string[]> = {
  CREATED: ['accept', 'reject', 'edit', 'cancel'],
  ACCEPTED: ['cancel'],
  PREPARED: ['cancel'],
  DELIVERED: ['lock', 'unassign', 'edit', 'increase_budget'],
  LOCKED: ['unlock'],
  REAPPROVED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
  FINISHED: [],
};

describe('approval state machine', () => {
  it('covers every status and the card LOCKED state', () => {
    expect(Object.keys(ACTIONS_BY_STATE).sort()).toEqual([...APPROVAL_STATUSES, 'LOCKED'].sort());
  });

  for (const state of Object.keys(EXPECTED) as ActionState[]) {
    for (const action of CORPORATION_ACTIONS) {
      const allowed = EXPECTED[state].includes(action);
      it(`${state} × ${action} → ${allowed ? 'allowed' : '409'}`, () => {
        expect(isAllowed(state, action)).toBe(allowed);
      });
    }
  }
});
