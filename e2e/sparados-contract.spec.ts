import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { openNewCard } from './cards';
import { expect, signIn, test } from './fixtures';

// Issue 12 item 6: under a Simple contract the panel offers no Full API option anywhere.

test.afterEach(async () => {
  // Whatever happened above, the next spec starts from the default (Full against the sandbox).
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`DELETE FROM "Setting" WHERE key = 'sparados.contract'`);
  await client.end();
});

test('an Admin sets the contract to Simple: the assign form and the card page stop offering Full API options', async ({ page }) => {
  await signIn(page, 'ADMIN');
  const tag = randomUUID().slice(0, 8);
  const cardUrl = await openNewCard(page, { email: `contract-${tag}@e2e.test`, firstName: 'Cora', lastName: `Contract ${tag}` });
  await expect(page.getByRole('button', { name: 'Show card details' })).toBeVisible();

  await page.goto('/cards/new');
  await expect(page.getByRole('radio', { name: 'Existing Sparados user (Full API)' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Create a Sparados user \(Full API\)/ })).toBeVisible();

  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Sparados contract' });
  await form.getByRole('radio', { name: /^Simple API/ }).check();
  await form.getByRole('button', { name: 'Save contract' }).click();
  await expect(form.getByRole('status')).toContainText('Saved: Simple API');

  await page.goto('/cards/new');
  await expect(page.getByRole('radio', { name: 'New cardholder' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Existing Sparados user (Full API)' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /Create a Sparados user/ })).toHaveCount(0);

  await page.goto(cardUrl);
  await expect(page.getByTestId('budget-summary')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show card details' })).toHaveCount(0);
});
