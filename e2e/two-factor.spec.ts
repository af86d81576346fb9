import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { totpCode } from '../lib/auth/two-factor/totp';
import { expect, signIn, test } from './fixtures';

// Two-factor sign-in through the real pages: a new Operator sets up an authenticator app (the test
// computes the app's codes from the key the page shows), signs in with a code and with a recovery
// code, and an Admin resets it for a lost phone.

const STEP_MS = 30_000;

/** An Admin invites someone; they set a password in a browser of their own. */
async function invitedUser(admin: Page, browser: Browser) {
  const tag = randomUUID().slice(0, 8);
  const person = { name: `Tove Twofactor ${tag}`, email: `tove-${tag}@demo.test`, password: `tove-password-${tag}` };
  await admin.goto('/settings/users');
  await admin.getByRole('button', { name: 'Invite user' }).click();
  const invite = admin.getByRole('dialog', { name: 'Invite an admin user' });
  await invite.getByLabel('Name').fill(person.name);
  await invite.getByLabel('Email').fill(person.email);
  await invite.getByLabel('Role').selectOption('OPERATOR');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  const link = await invite.getByLabel('Invitation link').inputValue();
  await invite.getByRole('button', { name: 'Done' }).click();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('New password').fill(person.password);
  await page.getByLabel('Repeat the password').fill(person.password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('Your password is set. Sign in to continue.')).toBeVisible();
  return { person, page, context };
}

/** Six digits no step near now has as its code. */
function notACode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totpCode(secret, new Date(Date.now() + d * STEP_MS))));
  return ['000000', '111111', '222222', '333333', '444444', '555555'].find((code) => !near.has(code))!;
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

async function passwordStep(page: Page, person: { email: string; password: string }, path = '/sign-in') {
  await page.goto(path);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an Operator sets up an authenticator app, signs in with a code and a recovery code; an Admin resets it', async ({ page: admin, browser }) => {
  await signIn(admin, 'ADMIN');
  const { person, page, context } = await invitedUser(admin, browser);
  await passwordStep(page, person);
  await expect(page.getByRole('banner').getByText(person.name)).toBeVisible();

  // Set up from the account page, reached from the name in the header.
  await page.getByRole('banner').getByRole('link', { name: person.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expect(card.getByText('Off', { exact: true })).toBeVisible();
  await card.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
  await page.getByRole('button', { name: 'Show the QR code' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await page.getByText('Cannot scan? Type the key instead').click();
  const secret = (await page.getByTestId('totp-manual-key').textContent())!.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel('Code from your app').fill(notACode(secret));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByText('That code does not match. Check the time on your phone and type the newest code.')).toBeVisible();
  await page.getByLabel('Code from your app').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  const codeItems = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codeItems).toHaveCount(10);
  const codes = await codeItems.allTextContents();
  await page.getByRole('button', { name: 'I have saved them: continue' }).click();
  await expect(card.getByText('On', { exact: true })).toBeVisible();
  await expect(card.getByTestId('recovery-codes-left')).toHaveText('10');

  // Signed in again: the password alone reaches only the code page, whatever is asked for.
  await signOut(page);
  await passwordStep(page, person, '/sign-in?callbackUrl=%2Ftransactions');
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  await page.goto('/cards');
  await expect(page).toHaveURL(/\/two-factor$/);
  await page.goto('/sign-in?callbackUrl=%2Ftransactions');
  await expect(page).toHaveURL(/\/two-factor\?callbackUrl=%2Ftransactions$/);
  // The next step's code: the one used to set up (this step's) is spent.
  await page.getByLabel('Code from your app, or a recovery code').fill(totpCode(secret, new Date(Date.now() + STEP_MS)));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/transactions$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible();

  // Without the phone: a recovery code, once.
  await signOut(page);
  await passwordStep(page, person);
  await page.getByLabel('Code from your app, or a recovery code').fill(codes[0].toUpperCase());
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('banner').getByText(person.name)).toBeVisible();
  await page.goto('/account');
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('9');
  await signOut(page);
  await passwordStep(page, person);
  await page.getByLabel('Code from your app, or a recovery code').fill(codes[0]);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('That code does not match. Type the newest code from your app, or a recovery code.')).toBeVisible();

  // The phone is lost: an Admin resets it; the waiting session ends and the next sign-in asks no code.
  await admin.goto('/settings/users');
  const row = admin.getByTestId(`user-row-${person.email}`);
  await expect(row.getByText('Two-factor', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: `Reset two-factor sign-in of ${person.name}` }).click();
  await admin.getByRole('dialog', { name: `Reset two-factor sign-in of ${person.name}?` }).getByRole('button', { name: 'Reset two-factor' }).click();
  await expect(row.getByText('Two-factor', { exact: true })).toHaveCount(0);

  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await passwordStep(page, person);
  await expect(page.getByRole('banner').getByText(person.name)).toBeVisible();
  await page.goto('/account');
  await expect(page.getByRole('region', { name: 'Two-factor sign-in' }).getByText('Off', { exact: true })).toBeVisible();

  await admin.goto('/audit');
  await expect(admin.getByText(`${person.name} completed sign-in with a recovery code (9 left).`)).toBeVisible();
  await context.close();
});
