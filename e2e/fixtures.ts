import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_USERS, type DemoRole, type DemoUser } from '../lib/demo/users';

export type { DemoRole };

/** The seeded demo users by role (lib/demo/users.ts, the list the seed creates). */
export const demoUsers = Object.fromEntries(DEMO_USERS.map((user) => [user.role, user])) as Record<DemoRole, DemoUser>;

export async function signIn(page: Page, role: DemoRole): Promise<void> {
  const user = demoUsers[role];
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(user.name).first()).toBeVisible();
}

/** A test signed in as the given role: `test.use({ role: 'VIEWER' })`. */
export const test = base.extend<{ role: DemoRole; signedIn: Page }>({
  role: ['ADMIN', { option: true }],
  signedIn: async ({ page, role }, use) => {
    await signIn(page, role);
    await use(page);
  },
});

export { expect };
