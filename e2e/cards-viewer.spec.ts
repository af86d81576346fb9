import { randomUUID } from 'node:crypto';
import { expect, signIn, test } from './fixtures';
import { sandbox } from './sandbox';

// Issue 5 item 8: a VIEWER sees cards but cannot act (no buttons; the server refuses anyway,
// as lib/approvals/actions.int.test.ts shows).

test('a VIEWER sees the list and the card page, without any action', async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const email = `viewer-${tag}@e2e.test`;
  const approval = await sandbox.createApproval(email, 'Vera', `Viewer ${tag}`);
  await sandbox.redeem(approval.id);

  await signIn(page, 'VIEWER');
  await expect(async () => {
    await page.goto(`/cards?q=${encodeURIComponent(email)}`);
    await expect(page.getByTestId('card-row')).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 40_000 });
  await expect(page.getByRole('link', { name: 'Assign a card' })).toHaveCount(0);

  await page.getByRole('link', { name: `Vera Viewer ${tag}` }).click();
  await expect(page.getByTestId('card-status').getByText('Active', { exact: true })).toBeVisible();
  await expect(page.getByTestId('state-diagram')).toHaveAttribute('data-current', 'DELIVERED');
  await expect(page.getByTestId('limits')).toContainText('ATM: disabled');
  await expect(page.getByTestId('chain-row')).toHaveCount(1);
  for (const name of ['Lock card', 'Unlock card', 'Change budget', 'Edit rules', 'Unassign', 'Cancel']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  }

  await page.goto('/cards/new');
  await expect(page).toHaveURL(/\/no-access/);
});
