import { randomUUID } from 'node:crypto';
import { expect, signIn, test } from './fixtures';

test('an ADMIN invites a user, who joins; then changes their role and disables them', async ({ page, browser }) => {
  const tag = randomUUID().slice(0, 8);
  const invitee = { name: `Ola Invited ${tag}`, email: `ola-${tag}@demo.test`, password: `joined-password-${tag}` };

  await signIn(page, 'ADMIN');
  await page.goto('/settings');
  // Money on the settings page is in the corporation's balance currency (the sandbox fixture's PLN), never a fixed EUR.
  const policy = page.getByRole('form', { name: 'Budget policy' });
  await expect(policy.getByLabel('Operator: largest raise per change (PLN)')).toHaveValue('1000.00');
  await expect(policy.getByText('EUR')).toHaveCount(0);
  await page.getByRole('link', { name: 'Manage admin users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin users' })).toBeVisible();

  await page.getByRole('button', { name: 'Invite user' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite an admin user' });
  await invite.getByLabel('Name').fill(invitee.name);
  await invite.getByLabel('Email').fill(invitee.email);
  await invite.getByLabel('Role').selectOption('VIEWER');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  const link = await invite.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await invite.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId(`user-row-${invitee.email}`);
  await expect(row.getByText('Invited', { exact: true })).toBeVisible();

  // The invitee, in a browser of their own, sets a password and signs in.
  const inviteeContext = await browser.newContext();
  const inviteePage = await inviteeContext.newPage();
  await inviteePage.goto(link);
  await expect(inviteePage.getByText(invitee.email)).toBeVisible();
  await inviteePage.getByLabel('New password').fill(invitee.password);
  await inviteePage.getByLabel('Repeat the password').fill(invitee.password);
  await inviteePage.getByRole('button', { name: 'Set password' }).click();
  await expect(inviteePage.getByText('Your password is set. Sign in to continue.')).toBeVisible();
  await inviteePage.getByLabel('Password').fill(invitee.password);
  await inviteePage.getByRole('button', { name: 'Sign in' }).click();
  await expect(inviteePage.getByRole('banner').getByText(invitee.name)).toBeVisible();
  await expect(inviteePage.getByRole('banner').getByLabel('Role: Viewer')).toBeVisible();

  // The link works once.
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole('main').getByRole('alert')).toHaveText('This invitation link has already been used or withdrawn.');

  // The admin raises the role; the invitee's session ends at once and the new role applies on return.
  await page.reload();
  await row.getByRole('button', { name: `Change role of ${invitee.name}` }).click();
  const roleDialog = page.getByRole('dialog', { name: `Change role of ${invitee.name}` });
  await roleDialog.getByLabel('Role').selectOption('OPERATOR');
  await roleDialog.getByRole('button', { name: 'Save role' }).click();
  await expect(roleDialog).toBeHidden();
  await expect(row.getByRole('cell', { name: 'Operator', exact: true })).toBeVisible();

  await inviteePage.goto('/');
  await expect(inviteePage).toHaveURL(/\/sign-in/);
  await inviteePage.getByLabel('Email').fill(invitee.email);
  await inviteePage.getByLabel('Password').fill(invitee.password);
  await inviteePage.getByRole('button', { name: 'Sign in' }).click();
  await expect(inviteePage.getByRole('banner').getByLabel('Role: Operator')).toBeVisible();

  // Disabling signs them out and keeps them out.
  await row.getByRole('button', { name: `Disable ${invitee.name}` }).click();
  await page.getByRole('dialog', { name: `Disable ${invitee.name}?` }).getByRole('button', { name: 'Disable user' }).click();
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();

  await inviteePage.reload();
  await expect(inviteePage).toHaveURL(/\/sign-in/);
  await inviteePage.getByLabel('Email').fill(invitee.email);
  await inviteePage.getByLabel('Password').fill(invitee.password);
  await inviteePage.getByRole('button', { name: 'Sign in' }).click();
  // The same answer as a wrong password: the sign-in page never confirms that an account exists.
  await expect(inviteePage.getByRole('main').getByRole('alert')).toHaveText('Incorrect e-mail or password.');
  await inviteeContext.close();
});

test('an ADMIN cannot disable their own account and sees the rule', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.goto('/settings/users');
  const me = page.getByTestId('user-row-admin@demo.test');
  await expect(me.getByText('(you)')).toBeVisible();
  await expect(me.getByRole('button', { name: /^Disable/ })).toHaveCount(0);
});
