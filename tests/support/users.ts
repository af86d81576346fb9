import { randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';

// Integration tests make their own admin users with unique e-mails, so they never change the
// seeded demo users that the e2e suite signs in with.

export interface TestUser extends SessionUser {
  password: string;
  sessionVersion: number;
}

export async function createTestUser(
  role: Role,
  options: { status?: 'ACTIVE' | 'INVITED' | 'DISABLED'; password?: string | null; name?: string } = {},
): Promise<TestUser> {
  const tag = randomUUID().slice(0, 8);
  const password = options.password === undefined ? `test-password-${tag}` : options.password;
  const user = await db.adminUser.create({
    data: {
      email: `${role.toLowerCase()}-${tag}@int.test`,
      name: options.name ?? `Test ${role.toLowerCase()} ${tag}`,
      role,
      status: options.status ?? 'ACTIVE',
      passwordHash: password === null ? null : await hashPassword(password),
    },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, password: password ?? '', sessionVersion: user.sessionVersion };
}
