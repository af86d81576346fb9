import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { openNewCard } from './cards';

// Issue 6 items 2–3: budget changes on a card (top-up and reduction with the figures before and
// after; a reduction below what is spent refused before Sparados is called) and four eyes (a top-up
// above the requester's limit waits for a different approver; the requester cannot approve it).
// Limits are the seeded defaults: operator 1,000.00, approver 10,000.00.

/** A redeemed card made in Sparados (budget 400.00); opens its page once sync has brought it in. */
function openCard(page: Page, lastName: string): Promise<string> {
  return openNewCard(page, { email: `budget-${randomUUID().slice(0, 8)}@e2e.test`, firstName: 'Marek', lastName });
}

async function changeBudget(page: Page, mode: 'Top up by' | 'Reduce by' | 'Set available to', amount: string) {
  await page.getByRole('button', { name: 'Change budget' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the budget' });
  await dialog.getByLabel('Change', { exact: true }).selectOption({ label: mode });
  await dialog.getByLabel(/^Amount/).fill(amount);
  return dialog;
}

test('top-up and reduction show the figures before and after; a reduction below what is spent is refused', async ({ page }) => {
  await signIn(page, 'OPERATOR');
  await openCard(page, `Topup ${randomUUID().slice(0, 6)}`);

  const up = await changeBudget(page, 'Top up by', '100');
  const table = up.getByTestId('budget-before-after');
  await expect(table.getByRole('row', { name: /Budget/ })).toContainText('400.00');
  await expect(table.getByRole('row', { name: /Budget/ })).toContainText('500.00');
  await up.getByRole('button', { name: 'Save budget' }).click();
  await expect(up).toBeHidden();
  await expect(page.getByTestId('budget-summary')).toContainText('500.00');

  const tooMuch = await changeBudget(page, 'Reduce by', '600');
  await expect(tooMuch).toContainText('may go down to');
  await expect(tooMuch.getByRole('button', { name: 'Save budget' })).toBeDisabled();
  await tooMuch.getByLabel(/^Amount/).fill('150');
  await expect(tooMuch.getByTestId('budget-before-after')).toContainText('350.00');
  await tooMuch.getByRole('button', { name: 'Save budget' }).click();
  await expect(tooMuch).toBeHidden();
  await expect(page.getByTestId('budget-summary')).toContainText('350.00');

  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText("raised the budget of card 'E2E card' from");
  await expect(timeline).toContainText("lowered the budget of card 'E2E card' from");
});

test('four eyes: a large top-up waits; the requester cannot approve it; a second approver does', async ({ page }) => {
  const name = `Foureyes ${randomUUID().slice(0, 6)}`;
  await signIn(page, 'APPROVER');
  const cardUrl = await openCard(page, name);

  // Above the approver's own limit of 10,000.00.
  const dialog = await changeBudget(page, 'Top up by', '10000.01');
  await expect(dialog).toContainText('will wait for a second approver');
  await dialog.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('budget-change')).toContainText('Waiting for a second approver');
  await expect(page.getByTestId('budget-summary')).toContainText('400.00');

  // The requester sees it in the inbox but is not offered Approve.
  await page.goto('/requests');
  const row = page.getByTestId('budget-change-row').filter({ hasText: `Marek ${name}` });
  await expect(row).toContainText('Waiting for a second approver');
  await expect(row).toContainText('You asked: another approver must approve it.');
  await expect(row.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // An operator cannot decide at all.
  await page.context().clearCookies();
  await signIn(page, 'OPERATOR');
  await page.goto('/requests');
  await expect(page.getByTestId('budget-change-row').filter({ hasText: `Marek ${name}` }).getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // A different approver (the admin) approves: it is applied.
  await page.context().clearCookies();
  await signIn(page, 'ADMIN');
  await page.goto('/requests');
  const adminRow = page.getByTestId('budget-change-row').filter({ hasText: `Marek ${name}` });
  await adminRow.getByRole('button', { name: 'Approve' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve this budget change?' });
  await expect(approve.getByTestId('budget-before-after')).toContainText('10,400.01');
  await approve.getByRole('button', { name: 'Approve change' }).click();
  await expect(approve).toBeHidden();
  await expect(page.getByTestId('budget-change-row').filter({ hasText: `Marek ${name}` })).toContainText('Approved and applied');

  await page.goto(cardUrl);
  await expect(page.getByTestId('budget-summary')).toContainText('10,400.01');
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText("approved Piotr Zielinski's request to raise the budget");
});

test('many cards at once from the bulk page, each with its own result', async ({ page }) => {
  const name = `Bulkbudget ${randomUUID().slice(0, 6)}`;
  await signIn(page, 'OPERATOR');
  await openCard(page, `${name} A`);
  await openCard(page, `${name} B`);
  await page.goto(`/cards/budgets?q=${encodeURIComponent(name.toLowerCase())}`);
  const rows = page.getByTestId('budget-card-row');
  await expect(rows).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select all cards' }).check();
  await page.getByLabel('Change', { exact: true }).selectOption({ label: 'Top up by' });
  await page.getByLabel(/^Amount/).fill('25');
  await expect(rows.first()).toContainText('425.00');
  await page.getByRole('button', { name: 'Apply to 2 cards' }).click();
  await expect(page.getByTestId('budget-result').filter({ hasText: 'Applied' })).toHaveCount(2);
});
