import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { sandbox } from './sandbox';

// A redeemed card made in Sparados (budget 400.00), brought in by sync, with its page open: what the
// budget and policy specs start from.

const SYNC_WAIT = { timeout: 40_000 };

export async function openNewCard(page: Page, person: { email: string; firstName: string; lastName: string }): Promise<string> {
  const approval = await sandbox.createApproval(person.email, person.firstName, person.lastName);
  await sandbox.redeem(approval.id);
  await expect(async () => {
    await page.goto(`/cards?q=${encodeURIComponent(person.email)}`);
    await expect(page.getByTestId('card-row')).toHaveCount(1, { timeout: 2_000 });
    await expect(page.getByTestId('card-row')).toContainText('Active', { timeout: 2_000 });
  }).toPass(SYNC_WAIT);
  await page.getByTestId('card-row').getByRole('link').first().click();
  await expect(page.getByTestId('budget-summary')).toContainText('400.00');
  return page.url();
}
