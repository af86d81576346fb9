import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { DEFAULT_REVEAL_ROLE, isRevealRole, type RevealRole } from './policy';

export const REVEAL_ROLE_SETTING = 'cards.revealRole';

export async function getRevealRole(db: Prisma.TransactionClient): Promise<RevealRole> {
  const row = await db.setting.findUnique({ where: { key: REVEAL_ROLE_SETTING }, select: { value: true } });
  return isRevealRole(row?.value) ? row.value : DEFAULT_REVEAL_ROLE;
}
