import { randomUUID } from 'node:crypto';
import { demoUsers, expect, signIn, test } from './fixtures';
import { openNewCard } from './cards';

// Issue 10: the budget policy binds every path, not only the top-up dialog. An operator's edit of a
// card's rules that raises its budget above the operator's allowance (1,000.00 per change, the
// defaults of docs/decisions/105) waits for a second person: the card, the cards list and the inbox say
// so; nothing changes until an approver approves; then the card shows the new budget, applied once.

test("an operator's over-limit edit of a card's budget waits for an approver, who approves it; the card shows the new budget once", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  const email = `policy-${tag}@e2e.test`;
  const name = `Policy ${tag}`;
  await signIn(page, 'OPERATOR');
  const cardUrl = await openNewCard(page, { email, firstName: 'Ewa', lastName: name });

  await page.getByRole('button', { name: 'Edit rules' }).click();
  const dialog = page.getByRole('dialog', { name: "Edit the card's rules" });
  await dialog.getByLabel(/^Budget/).fill('1500');
  await dialog.getByRole('button', { name: 'Save rules' }).click();
  await expect(dialog).toBeHidden();

  // Held: the card says why and what happens next; nothing changed.
  const held = page.getByTestId('budget-change');
  await expect(held).toContainText('Waiting for a second approver');
  await expect(held).toContainText('Edit the rules of');
  await expect(held).toContainText('budget PLN\u00a0400.00 → PLN\u00a01,500.00');
  await expect(held).toContainText('held: above the operator limit of PLN\u00a01,000.00 per change');
  await expect(page.getByTestId('budget-summary')).toContainText('400.00');
  await expect(page.getByTestId('chain-row')).toHaveCount(1);

  // The cards list says so too.
  await page.goto(`/cards?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId('card-row-status')).toContainText('Waiting for a second approver');

  // The operator may not approve it; an approver does, from the inbox.
  await page.goto('/requests');
  const mine = page.getByTestId('budget-change-row').filter({ hasText: `Ewa ${name}` });
  await expect(mine).toContainText('Waiting for a second approver');
  await expect(mine.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, 'APPROVER');
  await page.goto('/requests');
  const row = page.getByTestId('budget-change-row').filter({ hasText: `Ewa ${name}` });
  await expect(row).toContainText('Held: above the operator limit of PLN\u00a01,000.00 per change');
  await row.getByRole('button', { name: 'Approve' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve this budget change?' });
  await expect(approve).toContainText('budget PLN\u00a0400.00 → PLN\u00a01,500.00');
  await approve.getByRole('button', { name: 'Approve change' }).click();
  await expect(approve).toBeHidden();
  await expect(page.getByTestId('budget-change-row').filter({ hasText: `Ewa ${name}` })).toContainText('Approved and applied');

  // Applied once: one new approval in the chain, the budget raised by 1,100.00 exactly.
  await page.goto(cardUrl);
  await expect(page.getByTestId('budget-summary')).toContainText('1,500.00');
  await expect(page.getByTestId('chain-row')).toHaveCount(2);
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByText(`${demoUsers.APPROVER.name} approved ${demoUsers.OPERATOR.name}'s request to edit the rules of`)).toHaveCount(1);
  await page.goto(`/cards?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId('card-row-status')).not.toContainText('Waiting for a second approver');
});
