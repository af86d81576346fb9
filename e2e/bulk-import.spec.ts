import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

test.use({ role: 'OPERATOR' });

const HEADER = 'operation,email,phonePrefix,phoneNumber,totalAmount,startDate,endDate,limitGeneral,limitAtm,mccBlock,description,tags';

test('a CSV with good and bad rows: per-cell errors, confirm, progress to 100 %, report', async ({ signedIn: page }) => {
  const tag = randomUUID().slice(0, 8);
  const year = new Date().getUTCFullYear() + 1;
  const good = (n: number) => `assign,e2e-bulk-${tag}-${n}@demo.test,48,60070${n}000,${100 * n}.00,${year}-03-01,${year}-03-31,200:weekly,disabled,gambling,Bulk ${tag},e2e|bulk`;
  const csv = [
    HEADER,
    good(1),
    `assign,not-an-email,48,600700000,10.999,${year}-03-01,${year}-03-31,200:weekly,,,Bad row,`,
    good(2),
    `assign,e2e-bulk-${tag}-x@demo.test,48,600700999,50,${year}-03-01,${year}-03-31,200:yearly,,yachts,Bad limit,`,
    good(3),
  ].join('\n');

  await page.goto('/cards/bulk');
  await expect(page.getByRole('heading', { level: 1, name: 'Assign cards from a CSV file' })).toBeVisible();
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: `cards-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.waitForURL(/\/cards\/bulk\/[0-9a-f-]{36}$/);

  // The preview: two rows with errors, each on its cell.
  await expect(page.getByText('2 rows have errors and will be skipped')).toBeVisible();
  const badRow = page.getByTestId('bulk-row-3');
  await expect(badRow.locator('[data-column="email"]')).toContainText('Enter a valid e-mail address');
  await expect(badRow.locator('[data-column="totalAmount"]')).toContainText('Budget: use at most 2 decimal places');
  const badLimit = page.getByTestId('bulk-row-5');
  await expect(badLimit.locator('[data-column="limitGeneral"]')).toContainText('Unknown period "yearly"');
  await expect(badLimit.locator('[data-column="mccBlock"]')).toContainText('Unknown merchant categories: yachts');
  await expect(page.getByTestId('bulk-row-2')).toContainText('Ready');

  await page.getByRole('button', { name: 'Assign 3 rows' }).click();
  const bar = page.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 45_000 });
  await expect(page.getByText('Finished')).toBeVisible();
  await expect(page.getByTestId('bulk-row-2')).toContainText('Done');
  await expect(page.getByTestId('bulk-row-6')).toContainText('Done');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the report (CSV)' }).click();
  const file = await download;
  const report = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(report).toString('utf8').trim().split(/\r\n/);
  expect(lines[0]).toBe('row,operation,status,approvalId,error');
  expect(lines).toHaveLength(6);
  expect(lines[1]).toMatch(/^2,assign,SUCCEEDED,[0-9a-f-]{36},$/);
  expect(lines[2]).toMatch(/^3,assign,INVALID,,"?email: Enter a valid e-mail address/);
  expect(lines[4]).toContain('limitGeneral: Unknown period');

  // Each good row made one card.
  await page.goto(`/cardholders?q=${encodeURIComponent(`e2e-bulk-${tag}`)}`);
  for (const n of [1, 2, 3]) await expect(page.getByTestId(`cardholder-row-e2e-bulk-${tag}-${n}@demo.test`)).toContainText('1 card');
});
