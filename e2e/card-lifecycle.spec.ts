import { randomUUID } from 'node:crypto';
import { expect, signIn, test } from './fixtures';
import { sandbox } from './sandbox';

// Issue 5 item 8: assign → (sandbox redeem) → DELIVERED shown → lock → unlock → edit → chain shown → unassign.
// The worker runs beside the app (playwright.config.ts) and syncs every 2 s; the page polls every 10 s.

const SYNC_WAIT = { timeout: 40_000 };

test('a card through its life: assign, redeem, lock, unlock, edit (new approval id), unassign', async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const email = `life-${tag}@e2e.test`;
  await signIn(page, 'APPROVER');

  // Assign through the form.
  await page.goto('/cards/new');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Phone number').fill('600200300');
  await page.getByLabel('First name (optional)').fill('Lena');
  await page.getByLabel('Last name (optional)').fill(`Lifecycle ${tag}`);
  await page.getByLabel(/^Budget/).fill('500');
  await page.getByRole('button', { name: 'Assign card' }).click();
  const anyway = page.getByRole('button', { name: 'Assign anyway' });
  await expect(page.getByRole('heading', { level: 1, name: /^Card of / }).or(anyway)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(page).toHaveURL(/\/cards\/[0-9a-f-]{36}$/);

  const status = page.getByTestId('card-status');
  await expect(status.getByText('Waiting for redemption', { exact: true })).toBeVisible();
  const firstId = ((await page.getByTestId('chain-row').first().locator('td').first().textContent()) ?? '').match(/[0-9a-f-]{36}/)![0];

  // The employee redeems the card in the app: sync notices, the page refreshes by itself.
  await sandbox.redeem(firstId);
  await expect(status.getByText('Active', { exact: true })).toBeVisible(SYNC_WAIT);
  await expect(page.getByTestId('state-diagram')).toHaveAttribute('data-current', 'DELIVERED');
  await expect(status.getByText('Card active', { exact: true })).toBeVisible();

  // Lock and unlock act at once.
  await page.getByRole('button', { name: 'Lock card' }).click();
  await expect(status.getByText('Card locked', { exact: true })).toBeVisible();
  await expect(page.getByTestId('state-diagram')).toHaveAttribute('data-current', 'LOCKED');
  // Locked: only unlock is offered (the seeds' table).
  await expect(page.getByRole('button', { name: 'Edit rules' })).toBeHidden();
  await page.getByRole('button', { name: 'Unlock card' }).click();
  await expect(status.getByText('Card active', { exact: true })).toBeVisible();

  // Edit: Sparados answers with a new approval id; the page follows the card.
  await page.getByRole('button', { name: 'Edit rules' }).click();
  const dialog = page.getByRole('dialog', { name: "Edit the card's rules" });
  await dialog.getByLabel(/^Budget/).fill('700');
  await dialog.locator('#edit-limits-atm-mode').selectOption('disabled');
  await dialog.getByRole('button', { name: 'Save rules' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('chain-row')).toHaveCount(2);
  // Rows: [approval id, replaces, status, …]; the new one replaces the first.
  const first = page.getByTestId('chain-row').filter({ has: page.locator('td:first-child', { hasText: firstId }) });
  await expect(first).toContainText('Replaced');
  const current = page.locator('[data-testid="chain-row"][aria-current="true"]');
  await expect(current.locator('td').first()).not.toContainText(firstId);
  await expect(current.locator('td').nth(1)).toHaveText(firstId);
  await expect(current).toContainText('Active');
  await expect(page.getByTestId('limits')).toContainText('ATM: disabled');
  await expect(page.getByTestId('budget-summary')).toContainText('700.00');

  // Unassign: asks first, says it cannot be undone.
  await page.getByRole('button', { name: 'Unassign', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Take the card back?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Unassign card' }).click();
  await expect(status.getByText('Finished', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /Lock card|Edit rules|Unassign/ })).toHaveCount(0);

  // The timeline tells the story with who did what.
  const timeline = page.getByRole('list', { name: 'Timeline' });
  // Each sentence names the card by its holder (it has no description), not only by an approval id.
  const card = `the card of Lena Lifecycle ${tag}`;
  for (const text of [`assigned a card to Lena Lifecycle ${tag}`, 'Waiting for redemption → Active', ` locked ${card}`, `unlocked ${card}`, `edited the rules of ${card}`, `took back ${card}`]) {
    await expect(timeline).toContainText(text);
  }

  // The list shows it as one card.
  await page.goto(`/cards?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId('card-row')).toHaveCount(1);
  await expect(page.getByTestId('card-row')).toContainText('Finished');
});

test('a change request from the cardholder appears on the card and can be accepted', async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const email = `request-${tag}@e2e.test`;
  const approval = await sandbox.createApproval(email, 'Rafal', `Request ${tag}`);
  await sandbox.redeem(approval.id);
  await signIn(page, 'APPROVER');

  // Made in Sparados directly: sync finds it and the list shows it.
  await expect(async () => {
    await page.goto(`/cards?q=${encodeURIComponent(email)}`);
    await expect(page.getByTestId('card-row')).toHaveCount(1, { timeout: 2_000 });
  }).toPass(SYNC_WAIT);
  await page.getByRole('link', { name: `Rafal Request ${tag}` }).click();
  await expect(page.getByTestId('card-status').getByText('Active', { exact: true })).toBeVisible();

  const request = await sandbox.changeRequest(approval.id, { budgetMinor: 90_000 });
  const box = page.getByTestId('change-request');
  await expect(box).toContainText(request.id, SYNC_WAIT);
  await box.getByRole('button', { name: 'Accept request' }).click();
  await page.getByRole('dialog', { name: 'Accept this change request?' }).getByRole('button', { name: 'Accept request' }).click();
  await expect(box).toBeHidden();
  await expect(page.locator('[data-testid="chain-row"][aria-current="true"]')).toContainText(request.id);
  await expect(page.getByTestId('budget-summary')).toContainText('900.00');
});
