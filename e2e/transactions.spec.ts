import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, signIn, test } from './fixtures';
import { cardFor, pay, settle } from './payments';

// Issue 7 items 3–5: payments made in the sandbox reach the mirror through the worker's THC reconcile
// (every 5 s in e2e) and show in the list without a reload; tabs, filters in the URL, the detail drawer
// and the CSV export; the decline inbox's fixes open the card's form prefilled; the dashboard.

const ARRIVAL = { timeout: 45_000 };

function person() {
  const tag = randomUUID().slice(0, 8);
  return { tag, email: `tx-${tag}@e2e.test`, first: 'Tessa', last: `Payments${tag}` };
}

/** Waits for the panel to know the card (approval sync), so mirrored payments link to it. */
async function waitForCard(page: import('@playwright/test').Page, email: string) {
  await expect(async () => {
    await page.goto(`/cards?q=${encodeURIComponent(email)}`);
    await expect(page.getByTestId('card-row')).toHaveCount(1, { timeout: 2_000 });
  }).toPass(ARRIVAL);
}

test('transactions: live arrival, pending and settled apart, filters in the URL, drawer, CSV export', async ({ page }) => {
  test.setTimeout(150_000);
  const who = person();
  const card = await cardFor(who.email, who.first, who.last);
  await signIn(page, 'OPERATOR');
  await waitForCard(page, who.email);

  // The page is open before the payments happen: they must appear without a reload.
  await page.goto(`/transactions?who=${encodeURIComponent(who.last)}`);
  await expect(page.getByRole('heading', { name: 'No transactions match' })).toBeVisible();
  const fuel = await pay(card, 12_345, `Orlen ${who.tag}`, '5541');
  await settle(fuel);
  expect(await pay(card, 4_550, `Bistro ${who.tag}`, '5812')).toMatchObject({ status: 'AUTHORIZED' });
  // 40.00 EUR in PLN still fits the 400.00 PLN budget.
  expect(await pay(card, 4_000, `Hotel Adlon ${who.tag}`, '7011', { channel: 'ECOMMERCE', currency: 'EUR' })).toMatchObject({ status: 'AUTHORIZED' });
  const rows = page.getByTestId('transaction-row');
  await expect(rows).toHaveCount(3, ARRIVAL);
  await expect(page.getByTestId('total-count')).toHaveText('3');

  // Pending and settled apart.
  await page.getByRole('link', { name: /^Settled/ }).click();
  await expect(page).toHaveURL(/tab=settled/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Orlen ${who.tag}`);
  await expect(rows.first()).toContainText('PLN 123.45');
  await page.getByRole('link', { name: /^Pending/ }).click();
  await expect(rows).toHaveCount(2);
  // A foreign payment shows what the account paid and the amount in the original currency.
  await expect(rows.filter({ hasText: 'Hotel Adlon' })).toContainText('€40.00');

  // Filters land in the URL and survive a reload.
  await page.getByLabel('Merchant', { exact: true }).fill('bistro');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/merchant=bistro/);
  await expect(page).toHaveURL(/tab=pending/);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(page.getByLabel('Merchant', { exact: true })).toHaveValue('bistro');

  // The detail drawer, linkable through ?tx=.
  await rows.first().getByRole('button', { name: `Bistro ${who.tag}` }).click();
  const drawer = page.getByRole('dialog', { name: `Bistro ${who.tag}` });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText('Restaurants and bars');
  await expect(drawer).toContainText(`Tessa ${who.last}`);
  await expect(page).toHaveURL(/tx=[0-9a-f-]{36}/);
  await page.reload();
  await expect(page.getByRole('dialog', { name: `Bistro ${who.tag}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The export streams the filtered set (all tabs here: the cardholder's three payments).
  await page.goto(`/transactions?who=${encodeURIComponent(who.last)}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^transactions-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toContain('Date (UTC),Local time,Status,Type,Amount,Currency,Original amount,Original currency,Merchant');
  expect(lines).toHaveLength(4);
  expect(csv).toContain(`CLEARED,PURCHASE,123.45,PLN,123.45,PLN,Orlen ${who.tag},5541,Fuel`);
  expect(csv).toMatch(new RegExp(`AUTHORIZED,PURCHASE,[0-9.]+,PLN,40\\.00,EUR,Hotel Adlon ${who.tag}`));
});

test('the decline inbox explains declines and its fixes open the card form prefilled', async ({ page }) => {
  test.setTimeout(150_000);
  const who = person();
  const card = await cardFor(who.email, who.first, who.last);
  await signIn(page, 'OPERATOR');
  await waitForCard(page, who.email);
  const atm = await pay(card, 20_000, `Euronet ATM ${who.tag}`, '6011', { channel: 'ATM' });
  expect(atm).toMatchObject({ status: 'DECLINED', declineReason: 'ATM_LIMIT' });
  const big = await pay(card, 45_000, `Media Markt ${who.tag}`, '5732');
  expect(big).toMatchObject({ status: 'DECLINED', declineReason: 'INSUFFICIENT_BUDGET' });

  const group = (reason: string) => page.getByTestId('decline-group').filter({ hasText: who.last }).and(page.locator(`[data-reason="${reason}"]`));
  await expect(async () => {
    await page.goto('/transactions/declines?days=1');
    await expect(group('ATM_LIMIT')).toBeVisible({ timeout: 2_000 });
    await expect(group('INSUFFICIENT_BUDGET')).toBeVisible({ timeout: 2_000 });
  }).toPass(ARRIVAL);
  await expect(group('ATM_LIMIT')).toContainText('Cash withdrawals are disabled on this card');

  // ATM disabled → edit limits: the card's edit form opens with its current rules, on the ATM limit.
  await group('ATM_LIMIT').getByRole('link', { name: 'Edit the ATM limit' }).click();
  await expect(page).toHaveURL(/\/cards\/[0-9a-f-]{36}\?fix=limits&limit=atm$/);
  const edit = page.getByRole('dialog', { name: "Edit the card's rules" });
  await expect(edit).toBeVisible();
  await expect(edit.locator('#edit-limits-atm-mode')).toBeFocused();
  await expect(edit.locator('#edit-limits-atm-mode')).toHaveValue('disabled');
  await expect(edit.getByLabel(/^Budget/)).toHaveValue('400.00');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('card-fix-notice')).toContainText('change the ATM limit');
  // The card page lists its own transactions.
  await expect(page.getByTestId('card-transactions').getByTestId('transaction-row')).toHaveCount(2);

  // Budget used up → top up: the budget dialog opens.
  await page.goto('/transactions/declines?days=1');
  await group('INSUFFICIENT_BUDGET').getByRole('link', { name: 'Top up the budget' }).click();
  await expect(page).toHaveURL(/\?fix=topup$/);
  await expect(page.getByRole('dialog', { name: 'Change the budget' })).toBeVisible();

  // The list shows the reason in words and the same fix.
  await page.goto(`/transactions?tab=declined&who=${encodeURIComponent(who.last)}`);
  const atmRow = page.getByTestId('transaction-row').filter({ hasText: 'Euronet' });
  await expect(atmRow).toContainText('ATM limit');
  await expect(atmRow.getByRole('link', { name: /Edit the ATM limit/ })).toHaveAttribute('href', /\?fix=limits&limit=atm$/);
});

test('a VIEWER sees declines explained but no fix, and the dashboard', async ({ page }) => {
  test.setTimeout(120_000);
  const who = person();
  const card = await cardFor(who.email, who.first, who.last);
  await signIn(page, 'VIEWER');
  await waitForCard(page, who.email);
  await pay(card, 20_000, `Euronet ATM ${who.tag}`, '6011', { channel: 'ATM' });
  const group = page.getByTestId('decline-group').filter({ hasText: who.last });
  await expect(async () => {
    await page.goto('/transactions/declines?days=1');
    await expect(group).toBeVisible({ timeout: 2_000 });
  }).toPass(ARRIVAL);
  await expect(group.getByRole('link', { name: /Edit/ })).toHaveCount(0);
  await expect(group).toContainText('an operator can do this');

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const balance = page.getByTestId('balance').first();
  await expect(balance).toContainText('PLN');
  await expect(balance).toContainText(/read \d{1,2} \w{3} \d{4}/);
  await expect(page.getByTestId('declines-24h')).toContainText('Declines in the last 24 hours');
  await expect(page.getByTestId('declines-24h').getByRole('link')).not.toHaveText('0');
  await expect(page.getByRole('heading', { name: 'This month by cardholder' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Spend per day: PLN/ })).toBeVisible();
});
