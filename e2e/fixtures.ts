import { test as base, expect, type Page } from '@playwright/test';

export type DemoRole = 'ADMIN' | 'APPROVER' | 'OPERATOR' | 'VIEWER';

/** The seeded demo users (prisma/seed.ts); the README prints the same list. */
export const demoUsers: Record<DemoRole, { email: string; password: string; name: string }> = {
  ADMIN: { email: 'admin@demo.test', password: 'demo-admin-2026', name: 'Anna Nowak' },
  APPROVER: { email: 'approver@demo.test', password: 'demo-approver-2026', name: 'Piotr Zielinski' },
  OPERATOR: { email: 'operator@demo.test', password: 'demo-operator-2026', name: 'Olga Wisniewska' },
  VIEWER: { email: 'viewer@demo.test', password: 'demo-viewer-2026', name: 'Jan Kowalski' },
};

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
