import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { sandbox } from './sandbox';

// Issue 6 item 1: cardholders' change requests answered from the inbox — accepted, rejected with a
// reason, edited then accepted, and many at once. Requests are made in the sandbox as the employee
// would in the app; the worker's sync (every 2 s here) brings them in, the inbox polls every 10 s.

const SYNC_WAIT = { timeout: 40_000 };

/** A redeemed card (budget 400.00) whose holder asks for 900.00 and a month more. */
async function cardWithRequest(name: string): Promise<{ requestId: string; approvalId: string }> {
  const tag = randomUUID().slice(0, 8);
  const approval = await sandbox.createApproval(`req-${tag}@e2e.test`, 'Ewa', name);
  await sandbox.redeem(approval.id);
  const request = await sandbox.changeRequest(approval.id, { budgetMinor: 90_000, endDate: new Date(Date.now() + 60 * 86_400_000).toISOString() });
  return { requestId: request.id, approvalId: approval.id };
}

function item(page: Page, requestId: string) {
  return page.locator(`[data-testid="change-request-item"][data-approval-id="${requestId}"]`);
}

async function openInboxWith(page: Page, requestIds: string[]) {
  await expect(async () => {
    await page.goto('/requests');
    for (const id of requestIds) await expect(item(page, id)).toBeVisible({ timeout: 2_000 });
  }).toPass(SYNC_WAIT);
}

test('requests are accepted, rejected with a reason, and edited then accepted; the card follows the new id', async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  const accepted = await cardWithRequest(`Accept ${tag}`);
  const rejected = await cardWithRequest(`Reject ${tag}`);
  const edited = await cardWithRequest(`Edit ${tag}`);
  await signIn(page, 'APPROVER');
  await openInboxWith(page, [accepted.requestId, rejected.requestId, edited.requestId]);
  await expect(page.getByTestId('requests-count')).toBeVisible();

  // What the cardholder asked, beside what the card has now, with spend and the time left.
  const a = item(page, accepted.requestId);
  await expect(a.getByTestId('request-diff')).toContainText('400.00');
  await expect(a.getByTestId('request-diff')).toContainText('900.00');
  await expect(a.locator('tr[data-changed]')).toHaveCount(2);
  await expect(a.getByTestId('request-spend')).toContainText('Spent on the current approval');
  await expect(a.getByTestId('request-expiry')).toContainText(/expires in \d+ d/);

  // Accept.
  await a.getByRole('button', { name: 'Accept', exact: true }).click();
  const acceptDialog = page.getByRole('dialog', { name: 'Accept this change request?' });
  await expect(acceptDialog).toContainText('900.00');
  await acceptDialog.getByRole('button', { name: 'Accept request' }).click();
  await expect(a).toBeHidden();

  // Reject: a reason is required and kept.
  const r = item(page, rejected.requestId);
  await r.getByRole('button', { name: 'Reject', exact: true }).click();
  const rejectDialog = page.getByRole('dialog', { name: 'Reject this change request?' });
  await rejectDialog.getByRole('button', { name: 'Reject request' }).click();
  await expect(rejectDialog).toContainText('Say why the request is rejected');
  await rejectDialog.getByLabel('Reason').fill(`Travel budget frozen ${tag}`);
  await rejectDialog.getByRole('button', { name: 'Reject request' }).click();
  await expect(r).toBeHidden();

  // Edit then accept: grant 650.00 instead of 900.00.
  const e = item(page, edited.requestId);
  await e.getByRole('button', { name: 'Edit then accept' }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit, then accept' });
  await editDialog.getByLabel(/^Budget/).fill('650');
  await editDialog.getByRole('button', { name: 'Save and accept' }).click();
  await expect(e).toBeHidden();

  // The accepted card now follows the request's id, with the new budget.
  await page.goto(`/cards?q=${accepted.requestId}`);
  await page.getByTestId('card-row').getByRole('link').first().click();
  await expect(page.locator('[data-testid="chain-row"][aria-current="true"]')).toContainText(accepted.requestId);
  await expect(page.getByTestId('budget-summary')).toContainText('900.00');
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('accepted the change request');

  await page.goto(`/cards?q=${edited.requestId}`);
  await page.getByTestId('card-row').getByRole('link').first().click();
  await expect(page.locator('[data-testid="chain-row"][aria-current="true"]')).toContainText(edited.requestId);
  await expect(page.getByTestId('budget-summary')).toContainText('650.00');

  // The rejected one keeps its approval; the reason is in its timeline.
  await page.goto(`/cards?q=${rejected.approvalId}`);
  await page.getByTestId('card-row').getByRole('link').first().click();
  await expect(page.locator('[data-testid="chain-row"][aria-current="true"]')).toContainText(rejected.approvalId);
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText(`“Travel budget frozen ${tag}”`);
});

test('bulk: accept two and reject one, with a preview of the effect and a result per row', async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  const one = await cardWithRequest(`Bulk one ${tag}`);
  const two = await cardWithRequest(`Bulk two ${tag}`);
  const three = await cardWithRequest(`Bulk three ${tag}`);
  await signIn(page, 'ADMIN');
  await openInboxWith(page, [one.requestId, two.requestId, three.requestId]);

  await page.getByRole('checkbox', { name: `Select the request of Ewa Bulk one ${tag}` }).check();
  await page.getByRole('checkbox', { name: `Select the request of Ewa Bulk two ${tag}` }).check();
  await page.getByRole('button', { name: 'Accept selected (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept 2 requests' });
  const rows = dialog.getByTestId('bulk-decision-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('400.00');
  await expect(rows.first()).toContainText('900.00');
  await expect(rows.first()).toContainText('Takes the request');
  await dialog.getByRole('button', { name: 'Accept 2' }).click();
  await expect(rows.filter({ hasText: 'Accepted' })).toHaveCount(2);
  await expect(rows.first()).toContainText('the card now follows');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(item(page, one.requestId)).toBeHidden();
  await expect(item(page, two.requestId)).toBeHidden();

  await page.getByRole('checkbox', { name: `Select the request of Ewa Bulk three ${tag}` }).check();
  await page.getByRole('button', { name: 'Reject selected (1)' }).click();
  const reject = page.getByRole('dialog', { name: 'Reject 1 request' });
  await expect(reject.getByTestId('bulk-decision-row')).toContainText('Keeps current rules');
  await reject.getByLabel('Reason').fill('Outside the travel policy');
  await reject.getByRole('button', { name: 'Reject 1' }).click();
  await expect(reject.getByTestId('bulk-decision-row')).toContainText('Rejected');
  await reject.getByRole('button', { name: 'Done' }).click();
  await expect(item(page, three.requestId)).toBeHidden();
});

test('a VIEWER sees the inbox but cannot answer', async ({ page }) => {
  const request = await cardWithRequest(`Viewer ${randomUUID().slice(0, 6)}`);
  await signIn(page, 'VIEWER');
  await openInboxWith(page, [request.requestId]);
  await expect(item(page, request.requestId).getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Accept selected/ })).toHaveCount(0);
});
