import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

test.use({ role: 'OPERATOR' });

test('the assign form shows field errors, warns, and a double click assigns one card', async ({ signedIn: page }) => {
  const tag = randomUUID().slice(0, 8);
  const email = `e2e-assign-${tag}@demo.test`;
  await page.goto('/cards/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Assign a card' })).toBeVisible();

  // Nothing filled: the summary lists the problems and each field carries its own message.
  await page.getByRole('button', { name: 'Assign card' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Enter the e-mail address');
  await expect(summary).toContainText('Enter the phone number');
  await expect(summary).toContainText('Enter the budget');
  const emailInput = page.getByLabel('E-mail', { exact: true });
  await expect(emailInput).toHaveAttribute('aria-invalid', 'true');
  await expect(emailInput).toHaveAccessibleDescription('Enter the e-mail address');
  await summary.getByRole('link', { name: 'Enter the budget' }).click();
  await expect(page.getByLabel('Budget (PLN)')).toBeFocused();

  await emailInput.fill(email);
  await page.getByLabel('Phone number').fill('600 700 800');
  await page.getByLabel('First name (optional)').fill('Edyta');
  await page.getByLabel('Last name (optional)').fill(`E2e ${tag}`);
  await page.getByLabel('Budget (PLN)').fill('12.345');
  await page.getByRole('button', { name: 'Assign card' }).click();
  await expect(page.getByLabel('Budget (PLN)')).toHaveAccessibleDescription(/Budget: use at most 2 decimal places/);
  await expect(emailInput).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Budget (PLN)').fill('800');
  await page.getByLabel('General limit', { exact: true }).selectOption('amount');
  await page.getByLabel('General limit: amount in PLN').fill('100');
  await page.getByLabel('General limit: period').selectOption('weekly');
  await page.getByLabel('ATM limit', { exact: true }).selectOption('amount');
  await page.getByLabel('ATM limit: amount in PLN').fill('150');
  await page.getByLabel('ATM limit: period').selectOption('daily');
  await page.getByLabel('Block these merchants').check();
  await page.getByLabel(/Gambling and betting/).check();
  await page.getByLabel('Description').fill('E2E card');

  // A limit above the general one is a warning, not an error: say it, then let the admin go on.
  await page.getByRole('button', { name: 'Assign card' }).click();
  await expect(page.getByTestId('assign-warnings')).toContainText('above the general limit');
  const assign = page.getByRole('button', { name: 'Assign anyway' });
  await assign.dblclick();
  await page.waitForURL(/\/cards\/[0-9a-f-]{36}$/);

  // One card for this person, however many clicks.
  await page.goto(`/cardholders?q=${encodeURIComponent(email)}`);
  const row = page.getByTestId(`cardholder-row-${email}`);
  await expect(row).toContainText('1 card');
  await expect(row).toContainText('E2E card');
});

test('a Full API user gets the card while the page waits for it', async ({ signedIn: page }) => {
  const tag = randomUUID().slice(0, 8);
  await page.goto('/cards/new');
  await page.getByLabel('E-mail', { exact: true }).fill(`e2e-full-${tag}@demo.test`);
  await page.getByLabel('Phone number').fill('600 700 801');
  await page.getByLabel('Create a Sparados user (Full API)').check();
  await page.getByLabel('First name', { exact: true }).fill('Franek');
  await page.getByLabel('Last name', { exact: true }).fill(`Full ${tag}`);
  await page.getByLabel('Date of birth', { exact: true }).fill('1990-03-04');
  await page.getByLabel('Nationality', { exact: true }).fill('PL');
  await page.getByLabel('Budget (PLN)').fill('300');
  await page.getByRole('button', { name: 'Assign card' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting for the card' })).toBeVisible();
  await expect(page.getByTestId('wait-status')).toContainText('is ready', { timeout: 15_000 });
  await page.getByRole('link', { name: 'Open the card' }).click();
  await page.waitForURL(/\/cards\/[0-9a-f-]{36}$/);
});

test.describe('as a viewer', () => {
  test.use({ role: 'VIEWER' });
  test('the assign page is not offered', async ({ signedIn: page }) => {
    await page.goto('/cards/new');
    await expect(page).toHaveURL(/\/no-access/);
  });
});
