import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { sandbox } from './sandbox';

// The cards list fits a 1280×800 screen beside the sidebar: no sideways scrolling, status badges in
// view, filters wide enough to read. On a phone the table may scroll, but only inside a named region
// the keyboard can reach. Cards are made in Sparados with long names and descriptions (worst case
// for the layout) and brought in by the worker's sync.

const SYNC_WAIT = { timeout: 40_000 };

/** Three cards for one search: long texts with a change request, a waiting one, a plain active one. */
async function makeCards(tag: string): Promise<void> {
  const long = await sandbox.createApproval(
    `layout-${tag}-a-rather-long-mailbox-name-for-finance@subsidiary.example-holding.e2e.test`,
    'Maria-Magdalena',
    `Wiśniewska-Kowalczyk-Zielińska Layout ${tag}`,
    `Conference travel, hotels and per diem for the spring sales tour ${tag}`,
  );
  await sandbox.redeem(long.id);
  await sandbox.changeRequest(long.id, { budgetMinor: 90_000 });
  await sandbox.createApproval(`layout-${tag}-b@e2e.test`, 'Piotr', `Waiting ${tag}`, `Layout ${tag} waiting`);
  const plain = await sandbox.createApproval(`layout-${tag}-c@e2e.test`, 'Olga', `Active ${tag}`, `Layout ${tag} active`);
  await sandbox.redeem(plain.id);
}

async function openList(page: Page, tag: string): Promise<void> {
  await expect(async () => {
    await page.goto(`/cards?q=${encodeURIComponent(`layout-${tag}`)}`);
    await expect(page.getByTestId('card-row')).toHaveCount(3, { timeout: 2_000 });
    await expect(page.getByTestId('card-row-status').getByText('Change requested')).toHaveCount(1, { timeout: 2_000 });
  }).toPass(SYNC_WAIT);
}

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the cards list fits beside the sidebar, with its status badges in view and readable filters', async ({ page }) => {
    const tag = randomUUID().slice(0, 8);
    await makeCards(tag);
    await signIn(page, 'ADMIN');
    await openList(page, tag);

    const region = page.getByRole('region', { name: 'Cards table' });
    const widths = await region.evaluate((el) => ({ container: el.clientWidth, scroll: el.scrollWidth, table: el.querySelector('table')!.scrollWidth }));
    expect(widths.table).toBeLessThanOrEqual(widths.container);
    expect(widths.scroll).toBeLessThanOrEqual(widths.container);
    const pageWidths = await page.evaluate(() => ({ client: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }));
    expect(pageWidths.scroll).toBeLessThanOrEqual(pageWidths.client);

    // Every column the list promises, in one header row.
    for (const name of ['Cardholder and card', 'Budget', 'Validity', 'Status', 'Last activity']) {
      await expect(page.getByRole('columnheader', { name })).toBeInViewport();
    }

    const first = page.getByTestId('card-row').first();
    const badges = first.getByTestId('card-row-status').locator('.rounded-full');
    expect(await badges.count()).toBeGreaterThan(0);
    for (const badge of await badges.all()) {
      await expect(badge).toBeInViewport({ ratio: 1 });
      const box = (await badge.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
    }
    await expect(first.locator('time')).toBeInViewport({ ratio: 1 });

    // The long texts are cut short in the cell but kept whole in a tooltip.
    const longRow = page.getByTestId('card-row').filter({ hasText: 'Change requested' });
    await expect(longRow.getByRole('link', { name: `Maria-Magdalena Wiśniewska-Kowalczyk-Zielińska Layout ${tag}` })).toHaveAttribute('title', /Layout/);
    await expect(longRow.getByTitle(/spring sales tour/)).toBeVisible();
    await expect(longRow.getByRole('meter')).toHaveAttribute('aria-label', /^Spent .+ of .+; .+ available$/);
    await expect(longRow).toContainText('Card active');

    // Filters: every control labelled and wide enough to show its value.
    for (const label of ['Search', 'Status', 'Card', 'Account', 'Tag', 'Ends within', 'Sort by', 'Order', 'Per page']) {
      const control = page.getByLabel(label, { exact: true });
      await expect(control).toBeVisible();
      expect((await control.boundingBox())!.width).toBeGreaterThanOrEqual(180);
    }

    // Narrower, with the sidebar (1024) and without it (800), it still fits: the columns narrow.
    for (const width of [1024, 800]) {
      await page.setViewportSize({ width, height: 800 });
      const narrow = await region.evaluate((el) => ({ container: el.clientWidth, scroll: el.scrollWidth }));
      expect(narrow.scroll, `at ${width} px`).toBeLessThanOrEqual(narrow.container);
    }
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the table scrolls sideways inside a named region the keyboard can scroll', async ({ page }) => {
    const tag = randomUUID().slice(0, 8);
    await makeCards(tag);
    await signIn(page, 'ADMIN');
    await openList(page, tag);

    const pageWidths = await page.evaluate(() => ({ client: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }));
    expect(pageWidths.scroll).toBeLessThanOrEqual(pageWidths.client);

    const region = page.getByRole('region', { name: 'Cards table' });
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await region.focus();
    await expect(region).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

    await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Sort by', { exact: true })).toBeVisible();
  });
});
