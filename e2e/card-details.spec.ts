import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { passesLuhn } from '../lib/sparados/luhn';
import { openNewCard } from './cards';
import { demoUsers, expect, signIn, test } from './fixtures';
import { E2E_SERVER_LOG } from './server-log';

// Issue 12 item 7: "Show card details" decrypts in the browser only, shows for 60 s, then forgets.

/** Tables whose rows, as text, contain the needle: the whole database is searched, not a guess of where to look. */
async function tablesContaining(needle: string): Promise<string[]> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(`SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const found: string[] = [];
    for (const { name } of tables) {
      const { rowCount } = await client.query(`SELECT 1 FROM ${name} t WHERE t::text LIKE $1 LIMIT 1`, [`%${needle}%`]);
      if (rowCount) found.push(name);
    }
    return found;
  } finally {
    await client.end();
  }
}

test('an Admin sees an active card’s number, expiry and CVV for 60 s, copies the number, and the server keeps none of it', async ({ page, context }) => {
  await page.clock.install();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'ADMIN');
  const tag = randomUUID().slice(0, 8);
  const cardUrl = await openNewCard(page, { email: `reveal-${tag}@e2e.test`, firstName: 'Reva', lastName: `Reveal ${tag}` });

  await page.getByRole('button', { name: 'Show card details' }).click();
  const details = page.getByRole('region', { name: 'Card details' });
  await expect(details.getByTestId('card-number')).toHaveText(/^\d{4} \d{4} \d{4} \d{4}$/);
  const number = ((await details.getByTestId('card-number').textContent()) ?? '').replace(/\s/g, '');
  expect(passesLuhn(number)).toBe(true);
  await expect(details.getByTestId('card-expiry')).toHaveText(/^\d{2}\/\d{2}$/);
  await expect(details.getByTestId('card-cvv')).toHaveText(/^\d{3}$/);
  await expect(details).toContainText(/Hidden in (60|59|58) s/);

  await details.getByRole('button', { name: 'Copy number' }).click();
  await expect(details.getByRole('button', { name: 'Copy number' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(number);

  // A minute later the browser has forgotten them: nothing on the page, nothing in its markup.
  await page.clock.fastForward(61_000);
  await expect(details).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show card details' })).toBeVisible();
  expect(await page.content()).not.toContain(number);

  // The card's timeline says who asked; the audit entry names no card data.
  await page.reload();
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'asked to see the card number, expiry and CVV' })).toContainText(demoUsers.ADMIN.name);

  // The server only ever held the JWE: its output and every table are free of the number.
  expect(readFileSync(E2E_SERVER_LOG, 'utf8')).not.toContain(number);
  expect(await tablesContaining(number)).toEqual([]);

  // A Viewer is not offered the button on the same card.
  const viewer = await context.browser()!.newPage();
  await signIn(viewer, 'VIEWER');
  await viewer.goto(cardUrl);
  await expect(viewer.getByTestId('budget-summary')).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Show card details' })).toHaveCount(0);
  await viewer.close();
});
