import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { demoUsers, expect, signIn, test } from './fixtures';

// Issue 6 item 5: the audit log. An ADMIN's change shows as a sentence with who, when, where from,
// on what and the before/after; the person filter narrows the log; the export downloads the same
// entries as CSV; a VIEWER reads the log and has nothing to edit or delete it with.

const admin = demoUsers.ADMIN;

test('an ADMIN change appears as a sentence, filters by person, and exports as CSV', async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const invitee = { name: `Audit Invitee ${tag}`, email: `audit-${tag}@demo.test` };

  await signIn(page, 'ADMIN');
  await page.goto('/settings/users');
  await page.getByRole('button', { name: 'Invite user' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite an admin user' });
  await invite.getByLabel('Name').fill(invitee.name);
  await invite.getByLabel('Email').fill(invitee.email);
  await invite.getByLabel('Role').selectOption('VIEWER');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await invite.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId(`user-row-${invitee.email}`);
  await row.getByRole('button', { name: `Change role of ${invitee.name}` }).click();
  const roleDialog = page.getByRole('dialog', { name: `Change role of ${invitee.name}` });
  await roleDialog.getByLabel('Role').selectOption('OPERATOR');
  await roleDialog.getByRole('button', { name: 'Save role' }).click();
  await expect(roleDialog).toBeHidden();

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const invited = page.getByTestId('audit-entry').filter({ hasText: `${admin.name} invited ${invitee.name} <${invitee.email}> as Viewer.` });
  await expect(invited).toHaveCount(1);
  await expect(invited.getByText(admin.email)).toBeVisible();
  await expect(invited.getByText('Admin user invited')).toBeVisible();
  await expect(invited.getByRole('link', { name: `admin user ${invitee.name} <${invitee.email}>` })).toHaveAttribute('href', '/settings/users');
  await expect(invited.locator('dt:text-is("IP") + dd')).toHaveText(/^((\d{1,3}\.){3}\d{1,3}|[0-9a-f:]+)$/);
  await expect(invited.locator('time')).toContainText(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2}/);
  await expect(invited).toContainText(/just now|seconds? ago|minutes? ago/);

  // The role change, expanded: the changed key is marked, before and after side by side.
  const changed = page.getByTestId('audit-entry').filter({ hasText: `${admin.name} changed the role of ${invitee.name} <${invitee.email}> from Viewer to Operator.` });
  await changed.getByText(/Before and after \(1 changed\)/).click();
  const roleRow = changed.getByTestId('audit-diff').locator('tr[data-change="changed"]');
  await expect(roleRow).toHaveCount(1);
  await expect(roleRow).toContainText('role');
  await expect(roleRow).toContainText('VIEWER');
  await expect(roleRow).toContainText('OPERATOR');

  // Filter by person: only the ADMIN's entries remain, and the filter lives in the URL.
  await signInAsViewerElsewhere(page.context().browser()!);
  await page.reload();
  await expect(page.getByTestId('audit-entry').filter({ hasText: `${demoUsers.VIEWER.name} signed in with a password.` }).first()).toBeVisible();
  await page.getByLabel('Person').selectOption({ label: `${admin.name} <${admin.email}>` });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]actor=[0-9a-f-]{36}/);
  await expect(page.getByTestId('audit-entry').filter({ hasText: `${demoUsers.VIEWER.name} signed in` })).toHaveCount(0);
  await expect(invited).toHaveCount(1);
  const people = await page.getByTestId('audit-entry').locator('dt:text-is("Who") + dd').allInnerTexts();
  expect(people.length).toBeGreaterThan(1);
  for (const who of people) expect(who).toContain(admin.email);

  // The export downloads the filtered set as CSV, with the sentence in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('Time (UTC),Local time,Who,E-mail,Action,Action name,What happened');
  expect(csv).toContain(`${admin.name} invited ${invitee.name} <${invitee.email}> as Viewer.`);
  expect(csv).toContain(`"{""role"":""VIEWER""}","{""role"":""OPERATOR""}"`);
  expect(csv).not.toContain(`${demoUsers.VIEWER.name} signed in`);

  // The export is itself on record.
  await page.reload();
  await expect(page.getByTestId('audit-entry').filter({ hasText: `${admin.name} exported the audit log as CSV: by ${admin.name}.` }).first()).toBeVisible();
});

async function signInAsViewerElsewhere(browser: import('@playwright/test').Browser): Promise<void> {
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, 'VIEWER');
  await context.close();
}

test('a VIEWER reads the log but has nothing to edit or delete it with', async ({ page, request }) => {
  await signIn(page, 'VIEWER');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByTestId('audit-entry').filter({ hasText: `${demoUsers.VIEWER.name} signed in with a password.` }).first()).toBeVisible();

  const entries = page.getByRole('list', { name: 'Audit entries, newest first' });
  await expect(entries.getByRole('button')).toHaveCount(0);
  await expect(entries.locator('form, input, select, textarea')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /edit|delete|remove/i })).toHaveCount(0);
  // Reading and exporting are what the role may do.
  await expect(page.getByRole('link', { name: 'Export CSV' })).toBeVisible();

  // The export route checks the session itself: without one it refuses.
  const anonymous = await request.get('/api/audit/export');
  expect(anonymous.status()).toBe(401);
});

test('filters that cannot be read are reported, and nothing is listed', async ({ page }) => {
  await signIn(page, 'VIEWER');
  await page.goto('/audit?from=2026-02-30&to=2026-01-01');
  await expect(page.getByText('“2026-02-30” is not a date; use YYYY-MM-DD')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Some filters cannot be read' })).toBeVisible();
  await expect(page.getByTestId('audit-entry')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
});
