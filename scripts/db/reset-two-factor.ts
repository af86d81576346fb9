import type { PrismaClient } from '../../lib/generated/prisma/client';

// Break-glass: resets two-factor sign-in from the command line, for when no Admin can sign in to do it
// (every Admin lost their phone, or NEXTAUTH_SECRET was rotated and the sealed secrets are unreadable).
// Whoever runs it already holds the database; it is audited like an Admin's reset, naming the console.

export async function resetTwoFactorFromConsole(db: PrismaClient, target: { email: string } | 'all'): Promise<string[]> {
  const where = target === 'all' ? { totpEnabledAt: { not: null } } : { email: target.email.trim().toLowerCase() };
  const users = await db.adminUser.findMany({ where, select: { id: true, email: true, name: true } });
  if (target !== 'all' && users.length === 0) throw new Error(`No admin user has the e-mail ${target.email}.`);
  for (const user of users) {
    await db.$transaction([
      db.adminUser.update({
        where: { id: user.id },
        data: { totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
      }),
      db.recoveryCode.deleteMany({ where: { userId: user.id } }),
      db.auditEvent.create({
        data: {
          action: 'users.reset_two_factor',
          actorName: 'Command line (npm run db:reset-two-factor)',
          summary: `Two-factor sign-in of ${user.name} <${user.email}> was reset from the command line; their sessions ended.`,
          targetType: 'AdminUser',
          targetId: user.id,
        },
      }),
    ]);
  }
  return users.map((user) => user.email);
}
