// Time-based transitions, run on every clock move and on a timer (SANDBOX.md; API-REFERENCE §3).
import type { SandboxCore } from '../../core';
import type { Approval } from '../../store/types';
import { deliver, finish } from './service';

const DAY_MS = 86_400_000;

const at = (ms: number) => new Date(ms).toISOString();

/** Applies every transition due at the sandbox's current time. Returns how many approvals changed. */
export function runDueTransitions(core: SandboxCore): number {
  const now = core.clock.nowMs();
  let changed = 0;
  for (const approval of core.store.approvalOrder) {
    if (advance(core, approval, now)) changed++;
  }
  if (changed > 0) core.store.changed();
  return changed;
}

function advance(core: SandboxCore, approval: Approval, now: number): boolean {
  const start = Date.parse(approval.rules.validityPeriod.startDate);
  const end = Date.parse(approval.rules.validityPeriod.endDate);
  switch (approval.status) {
    case 'CREATED':
      if (now < Date.parse(approval.createdAt) + core.options.reapprovalExpiryMs) return false;
      approval.status = 'EXPIRED';
      clearParent(core, approval);
      core.touch(approval);
      return true;
    case 'ACCEPTED':
      if (now < end) return false;
      // Never redeemed within its validity.
      approval.status = 'EXPIRED';
      core.touch(approval);
      return true;
    case 'PREPARED':
      if (now < start) return false;
      deliver(core, approval);
      advance(core, approval, now);
      return true;
    case 'DELIVERED': {
      let changed = false;
      if (approval.expiringEmailAt === null && now >= end - DAY_MS) {
        // Logged at the moment it is due, even when a clock jump passes it.
        const due = Math.max(end - DAY_MS, Date.parse(approval.createdAt));
        approval.expiringEmailAt = at(due);
        core.store.emails.push({ template: 'BC_USER_CARD_EXPIRING', approvalId: approval.id, to: core.emailOf(approval), at: at(due) });
        changed = true;
      }
      if (now >= end) {
        finish(core, approval);
        core.store.emails.push({ template: 'BC_USER_CARD_EXPIRED', approvalId: approval.id, to: core.emailOf(approval), at: at(end) });
        changed = true;
      }
      return changed;
    }
    default:
      return false;
  }
}

function clearParent(core: SandboxCore, reapproval: Approval): void {
  const parent = reapproval.parentId ? core.store.approvals.get(reapproval.parentId) : undefined;
  if (parent?.pendingReapprovalId === reapproval.id) parent.pendingReapprovalId = null;
}
