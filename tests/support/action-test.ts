import { afterAll, beforeAll } from 'vitest';
import type { ActionRuntime } from '@/lib/actions/run-action';
import { sandboxHarness, type SandboxHarness } from '@/lib/approvals/test-helpers';
import type { Role } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createTestUser } from './users';

// What the integration tests of server actions share: the sandbox, a fresh admin user per role, and
// the action wrapper's runtime signed in as one of them (no Next request, a documentation-range IP).

export interface ActionSuite {
  /** Set in beforeAll. */
  sandbox: SandboxHarness;
  /** One user per role passed, in the same order; set in beforeAll. */
  users: SessionUser[];
  runtime(user: SessionUser): ActionRuntime;
}

/** Registers beforeAll/afterAll for the calling test file. */
export function actionSuite(roles: Role[], ip = '198.51.100.7'): ActionSuite {
  const suite: ActionSuite = {
    sandbox: undefined as unknown as SandboxHarness,
    users: [],
    runtime: (user) => ({ db, getUser: async () => user, getIp: async () => ip, logError: () => {} }),
  };
  beforeAll(async () => {
    suite.sandbox = await sandboxHarness();
    suite.users = await Promise.all(roles.map((role) => createTestUser(role)));
  });
  afterAll(async () => {
    await suite.sandbox?.close();
  });
  return suite;
}
