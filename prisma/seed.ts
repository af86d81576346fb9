// Demo data for development and tests: one admin user per role (passwords printed in the README)
// and the default settings. Idempotent: re-running restores the demo users and leaves changed
// settings alone. Runs from scripts (plain tsx), so it imports nothing marked server-only.
import type { Prisma, PrismaClient } from '../lib/generated/prisma/client';
import { DEFAULT_MCC_CATEGORIES } from '../lib/approvals/mcc';
import { hashPassword, verifyPassword } from '../lib/auth/password';
import { seedRefusal } from '../lib/demo/seed-guard';
import { DEMO_USERS } from '../lib/demo/users';
import { DEFAULT_SETTINGS } from '../lib/settings/defaults';

export interface SeedOptions {
  nodeEnv?: string;
  databaseUrl?: string;
  allowProduction?: boolean;
}

// Scripts outside the app cannot load lib/env.ts (it is server-only); these three values are read
// here and nowhere else outside it.
function optionsFromProcess(): Required<Pick<SeedOptions, 'allowProduction'>> & SeedOptions {
  const allow = process.env.ALLOW_PRODUCTION_SEED;
  return {
    nodeEnv: process.env.NODE_ENV,
    databaseUrl: process.env.DATABASE_URL,
    allowProduction: allow === 'true' || allow === '1',
  };
}

export async function seedDemoData(db: PrismaClient, options: SeedOptions = {}): Promise<void> {
  const target = { ...optionsFromProcess(), ...options };
  const [{ addr }] = await db.$queryRaw<{ addr: string | null }[]>`SELECT host(inet_server_addr()) AS addr`;
  const refusal = seedRefusal({
    nodeEnv: target.nodeEnv,
    databaseUrl: target.databaseUrl,
    serverAddress: addr,
    allowProduction: target.allowProduction === true,
  });
  if (refusal) throw new Error(refusal);

  for (const demo of DEMO_USERS) {
    const existing = await db.adminUser.findUnique({ where: { email: demo.email } });
    const keepHash = existing?.passwordHash && (await verifyPassword(existing.passwordHash, demo.password));
    const passwordHash = keepHash ? existing.passwordHash! : await hashPassword(demo.password);
    await db.adminUser.upsert({
      where: { email: demo.email },
      create: { email: demo.email, name: demo.name, role: demo.role, status: 'ACTIVE', passwordHash },
      update: { name: demo.name, role: demo.role, status: 'ACTIVE', passwordHash },
    });
  }
  // A demo login locked by an earlier test run would make the next run fail for no reason.
  await db.loginThrottle.deleteMany({ where: { key: { in: DEMO_USERS.map((u) => `email:${u.email}`) } } });

  await db.setting.createMany({
    data: Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value })),
    skipDuplicates: true,
  });
  // The named merchant categories of the assign form's MCC rule (an admin may edit the list).
  await db.setting.createMany({
    data: [{ key: 'mcc.categories', value: DEFAULT_MCC_CATEGORIES as unknown as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
}
