import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

// Settings → merchant categories reach the assign form: an ADMIN adds a category (a bad code is
// refused at its field first), an operator-level page offers it at once, and removing it again
// warns what that means for cards already assigned.

test('an ADMIN adds a merchant category in Settings and the assign form offers it', async ({ signedIn: page }) => {
  const tag = randomUUID().slice(0, 8);
  const label = `Coworking ${tag}`;
  await page.goto('/settings');

  // In the sandbox the accounts list waits for BETA/PROD, and the page says so.
  await expect(page.getByTestId('accounts-source-note')).toContainText('Active environment: Sandbox');

  const form = page.getByRole('form', { name: 'Merchant categories' });
  const rows = form.locator('[data-testid^="mcc-category-"]');
  const add = form.getByRole('button', { name: 'Add category' });
  // Enabled once the editor has hydrated; the saved rows are there by then.
  await expect(add).toBeEnabled();
  const before = await rows.count();
  expect(before).toBeGreaterThan(0);
  await add.click();
  await expect(rows).toHaveCount(before + 1);
  const n = before + 1;

  await form.getByLabel(`Category ${n}, Name`).fill(label);
  // A new category's key is made from its name.
  await expect(form.getByLabel(`Category ${n}, Key`)).toHaveValue(`coworking_${tag}`);
  const codes = form.getByLabel(`Category ${n}, Codes`);
  await codes.fill('7299 58A2');
  await form.getByRole('button', { name: 'Save categories' }).click();
  const message = `Category ${n}, codes: 58A2 is not a four-digit MCC code`;
  await expect(codes).toHaveAttribute('aria-invalid', 'true');
  await expect(codes).toHaveAccessibleDescription(message);
  await expect(form.getByTestId('mcc-categories-errors')).toContainText(message);

  await codes.fill('7299, 6513');
  await expect(codes).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Save categories' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved:' })).toHaveText(`Saved: ${n} categories.`);
  await expect(form.getByLabel(`Category ${n}, Key`)).toHaveAttribute('readonly', '');

  // The assign form offers it, with its codes.
  await page.goto('/cards/new');
  await page.getByLabel('Block these merchants').check();
  const offered = page.getByRole('checkbox', { name: new RegExp(label) });
  await expect(offered).toBeVisible();
  await offered.check();
  await expect(page.getByText('All but these 2 codes will be accepted.')).toBeVisible();

  // Removing it again: the page says what happens to cards that already block these codes.
  await page.goto('/settings');
  await form.getByRole('button', { name: `Remove category ${n} (${label})` }).click();
  await expect(form.getByTestId('mcc-removed-note')).toContainText(`“${label}” will no longer be offered`);
  await expect(form.getByTestId('mcc-removed-note')).toContainText('Cards already assigned keep their merchant rules');
  await form.getByRole('button', { name: 'Save categories' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved:' })).toHaveText(`Saved: ${before} categories.`);
  await page.goto('/cards/new');
  await page.getByLabel('Block these merchants').check();
  await expect(page.getByLabel(/Gambling and betting/)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: new RegExp(label) })).toHaveCount(0);
});
