import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { seedDemoData } from '@/prisma/seed';
import { DEMO_USERS } from './users';

describe('seedDemoData', () => {
  it('refuses a production environment or a remote database unless forced', async () => {
    await expect(seedDemoData(db, { nodeEnv: 'production' })).rejects.toThrow(/NODE_ENV=production/);
    await expect(seedDemoData(db, { nodeEnv: 'development', databaseUrl: 'postgresql://u@db.prod.internal/panel' })).rejects.toThrow(
      /db\.prod\.internal/,
    );
  });

  it('is idempotent: one user per role with the published password, settings left as changed', async () => {
    await db.setting.upsert({
      where: { key: 'organization.name' },
      create: { key: 'organization.name', value: 'Changed By Admin' },
      update: { value: 'Changed By Admin' },
    });
    await seedDemoData(db, { nodeEnv: 'test', databaseUrl: undefined });
    await seedDemoData(db, { nodeEnv: 'test', databaseUrl: undefined });

    for (const demo of DEMO_USERS) {
      const users = await db.adminUser.findMany({ where: { email: demo.email } });
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({ name: demo.name, role: demo.role, status: 'ACTIVE' });
      expect(await verifyPassword(users[0].passwordHash!, demo.password)).toBe(true);
    }
    expect((await db.setting.findUniqueOrThrow({ where: { key: 'organization.name' } })).value).toBe('Changed By Admin');
    expect(await db.setting.findUnique({ where: { key: 'alerts.lowBalanceMinor' } })).not.toBeNull();
    await db.setting.update({ where: { key: 'organization.name' }, data: { value: 'Demo Company' } });
  });
});
