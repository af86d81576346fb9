import { randomUUID } from 'node:crypto';
import { demoUsers, expect, signIn, test, type DemoRole } from './fixtures';

const ROLE_LABEL: Record<DemoRole, string> = { ADMIN: 'Admin', APPROVER: 'Approver', OPERATOR: 'Operator', VIEWER: 'Viewer' };

test.describe('sign-in', () => {
  for (const role of Object.keys(demoUsers) as DemoRole[]) {
    test(`${role} signs in and sees their name, role and sections`, async ({ page }) => {
      await signIn(page, role);
      const header = page.getByRole('banner');
      await expect(header.getByText(demoUsers[role].name)).toBeVisible();
      await expect(header.getByLabel(`Role: ${ROLE_LABEL[role]}`)).toBeVisible();
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const section of ['Dashboard', 'Cards', 'Requests', 'Transactions', 'Cardholders', 'Audit log']) {
        await expect(nav.getByRole('link', { name: section })).toBeVisible();
      }
      await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(role === 'ADMIN' ? 1 : 0);
      await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    });
  }

  test('a wrong password is refused with a message that is read out', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(demoUsers.VIEWER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Incorrect e-mail or password.');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('repeated failures are throttled without telling whether the e-mail exists', async ({ page }) => {
    // An address nobody has: the lock must look exactly like one on a real account.
    const email = `nobody-${randomUUID()}@demo.test`;
    await page.goto('/sign-in');
    // Scoped to the page content: Next's route announcer is an (empty) alert too.
    const alert = page.getByRole('main').getByRole('alert');
    let attempts = 0;
    for (; attempts < 10; attempts += 1) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`guess-${attempts}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
      await expect(alert).not.toBeEmpty();
      if ((await alert.textContent())?.startsWith('Too many attempts')) break;
      await expect(alert).toHaveText('Incorrect e-mail or password.');
    }
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThan(10);
    await expect(alert).toHaveText(/^Too many attempts, try again in \d+ minutes?\.$/);
  });

  test('a signed-out visitor is sent to sign-in and brought back afterwards', async ({ page }) => {
    await page.goto('/cards');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcards/);
    await page.getByLabel('Email').fill(demoUsers.OPERATOR.email);
    await page.getByLabel('Password').fill(demoUsers.OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/cards$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Cards' })).toBeVisible();
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, 'APPROVER');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/requests');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe('role enforcement', () => {
  test('a VIEWER cannot open admin pages', async ({ page }) => {
    await signIn(page, 'VIEWER');
    for (const path of ['/settings', '/settings/users']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/no-access/);
      await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
      await expect(page.getByText('Your role is Viewer. This page needs Admin or higher.')).toBeVisible();
    }
  });

  test('the server refuses an ADMIN action sent with a VIEWER session', async ({ page, browser }) => {
    // The admin's page stays open while its cookies are swapped for a viewer's: the button is
    // there, so only the server can refuse.
    await signIn(page, 'ADMIN');
    const adminCookies = await page.context().cookies();
    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, 'VIEWER');
    const viewerCookies = await viewerContext.cookies();
    await viewerContext.close();

    await page.goto('/settings/users');
    const row = page.getByTestId(`user-row-${demoUsers.OPERATOR.email}`);
    await expect(row.getByRole('cell', { name: 'Operator', exact: true })).toBeVisible();
    await row.getByRole('button', { name: `Change role of ${demoUsers.OPERATOR.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change role of ${demoUsers.OPERATOR.name}` });
    await dialog.getByLabel('Role').selectOption('ADMIN');

    await page.context().clearCookies();
    await page.context().addCookies(viewerCookies);
    await dialog.getByRole('button', { name: 'Save role' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Your role (Viewer) cannot do this; it needs Admin.');

    await page.context().clearCookies();
    await page.context().addCookies(adminCookies);
    await page.reload();
    await expect(page.getByTestId(`user-row-${demoUsers.OPERATOR.email}`).getByRole('cell', { name: 'Operator', exact: true })).toBeVisible();
  });
});
