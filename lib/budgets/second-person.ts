import 'server-only';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

// Four eyes means two different people, always (docs/decisions/105): whoever asked for a change can
// never approve it, whatever their role; and an account the requester invited cannot approve the
// requester's changes during its first 7 days, so nobody approves their own change through a second
// account they have just made. Both names go into the audit entry of every decision.

export const INVITEE_COOLING_OFF_DAYS = 7;
const DAY_MS = 86_400_000;

export function coolingOffEnds(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITEE_COOLING_OFF_DAYS * DAY_MS);
}

/** Throws FORBIDDEN when `approver` may not be the second person for a change `requesterId` asked for. */
export async function assertSecondPerson(approver: SessionUser, requester: { id: string; name: string }, now: Date = new Date()): Promise<void> {
  if (approver.id === requester.id) throw new AppError('FORBIDDEN', 'You asked for this change, so someone else must approve it (four eyes).');
  const account = await db.adminUser.findUnique({ where: { id: approver.id }, select: { invitedById: true, createdAt: true } });
  if (!account) throw new AppError('FORBIDDEN', 'Your account no longer exists.');
  if (account.invitedById === requester.id) {
    const ends = coolingOffEnds(account.createdAt);
    if (now < ends) {
      throw new AppError(
        'FORBIDDEN',
        `${requester.name} invited you on ${account.createdAt.toISOString().slice(0, 10)}, so you may approve their changes only from ${ends.toISOString().slice(0, 10)} (${INVITEE_COOLING_OFF_DAYS} days after). Ask another approver.`,
      );
    }
  }
}
