import type { TransactionStatus } from '@/lib/generated/prisma/enums';

// Where a mirrored transaction's status may go next (THC: AUTHORIZED becomes CLEARED or REVERSED;
// DECLINED, CLEARED and REVERSED are final). Anything else is a late or repeated event and is ignored,
// so CLEARED stays CLEARED whatever arrives after it. UNKNOWN is a status this panel does not know yet.
export const TRANSACTION_STATUS_NEXT = {
  UNKNOWN: ['AUTHORIZED', 'DECLINED', 'CLEARED', 'REVERSED'],
  AUTHORIZED: ['CLEARED', 'REVERSED'],
  DECLINED: [],
  CLEARED: [],
  REVERSED: [],
} as const satisfies Record<TransactionStatus, readonly TransactionStatus[]>;

export function canMove(from: TransactionStatus, to: TransactionStatus): boolean {
  return (TRANSACTION_STATUS_NEXT[from] as readonly TransactionStatus[]).includes(to);
}

/** Every allowed (from, to) pair: the upsert's guard is generated from this table. */
export function allowedMoves(): Array<[TransactionStatus, TransactionStatus]> {
  return (Object.entries(TRANSACTION_STATUS_NEXT) as Array<[TransactionStatus, readonly TransactionStatus[]]>).flatMap(([from, tos]) =>
    tos.map((to): [TransactionStatus, TransactionStatus] => [from, to]),
  );
}

/** Of two readings of one transaction, the one that should win (later in the table, else newer). */
export function newerReading<T extends { status: TransactionStatus; sparadosUpdatedAt: Date }>(a: T, b: T): T {
  if (canMove(a.status, b.status)) return b;
  if (canMove(b.status, a.status)) return a;
  return b.sparadosUpdatedAt.getTime() >= a.sparadosUpdatedAt.getTime() ? b : a;
}
