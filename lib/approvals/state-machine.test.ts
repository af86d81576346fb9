import { describe, expect, it } from 'vitest';
import { ACTIONS_BY_STATE } from '@/sandbox/domain/approvals/status';
import {
  ACTION_PERMISSIONS,
  ACTIONS_BY_STATUS,
  ACTIONS_WHEN_LOCKED,
  APPROVAL_ACTIONS,
  APPROVAL_STATUSES,
  DIAGRAM_EDGES,
  DIAGRAM_NODES,
  allowedActions,
  diagramNodeOf,
  isActionAllowed,
  isFinal,
} from './state-machine';

// The panel's table and the sandbox's table come from the same seeds; they must agree, or the
// panel would offer buttons Sparados refuses.
const SANDBOX_NAME = { changeBudget: 'increase_budget' } as Record<string, string>;

describe('approval state machine', () => {
  it('offers exactly the actions the sandbox allows in every status', () => {
    for (const status of APPROVAL_STATUSES) {
      if (status === 'UNKNOWN') continue;
      const ours = allowedActions(status, 'ACTIVE').map((a) => SANDBOX_NAME[a] ?? a).sort();
      expect(ours, status).toEqual([...ACTIONS_BY_STATE[status]].sort());
    }
    expect([...ACTIONS_WHEN_LOCKED]).toEqual([...ACTIONS_BY_STATE.LOCKED]);
  });

  it('turns lock into unlock (and nothing else) when the delivered card is locked', () => {
    expect(allowedActions('DELIVERED', 'ACTIVE')).toContain('lock');
    expect(allowedActions('DELIVERED', 'LOCKED')).toEqual(['unlock']);
    // The seeds never define cardStatus in an answer: without it both are offered, Sparados refuses the wrong one.
    expect(allowedActions('DELIVERED', null)).toEqual(expect.arrayContaining(['lock', 'unlock', 'edit', 'changeBudget', 'unassign']));
    expect(allowedActions('ACCEPTED', null)).toEqual(['cancel']);
    expect(isActionAllowed('unlock', 'DELIVERED', 'ACTIVE')).toBe(false);
    expect(isActionAllowed('lock', 'DELIVERED', 'LOCKED')).toBe(false);
    // cardStatus is meaningless before delivery (the sandbox reports ACTIVE there).
    expect(allowedActions('ACCEPTED', 'LOCKED')).toEqual(['cancel']);
  });

  it('offers nothing on final and unknown statuses', () => {
    for (const status of ['REAPPROVED', 'CANCELED', 'REJECTED', 'EXPIRED', 'FINISHED', 'UNKNOWN'] as const) {
      expect(allowedActions(status, null)).toEqual([]);
    }
    expect(isFinal('FINISHED')).toBe(true);
    expect(isFinal('DELIVERED')).toBe(false);
  });

  it('names a permission for every action and uses only known actions', () => {
    for (const action of APPROVAL_ACTIONS) expect(ACTION_PERMISSIONS[action]).toBeTruthy();
    for (const list of Object.values(ACTIONS_BY_STATUS)) for (const a of list) expect(APPROVAL_ACTIONS).toContain(a);
  });

  it('draws every status but UNKNOWN, plus the locked card, with edges between drawn nodes', () => {
    const ids = new Set<string>(DIAGRAM_NODES.map((n) => n.id));
    for (const status of APPROVAL_STATUSES) if (status !== 'UNKNOWN') expect(ids.has(status), status).toBe(true);
    expect(ids.has('LOCKED')).toBe(true);
    for (const edge of DIAGRAM_EDGES) {
      expect(ids.has(edge.from)).toBe(true);
      expect(ids.has(edge.to)).toBe(true);
    }
    const cells = DIAGRAM_NODES.map((n) => `${n.column}:${n.row}`);
    expect(new Set(cells).size).toBe(cells.length);
    expect(diagramNodeOf('DELIVERED', 'LOCKED')).toBe('LOCKED');
    expect(diagramNodeOf('UNKNOWN')).toBeNull();
  });
});
