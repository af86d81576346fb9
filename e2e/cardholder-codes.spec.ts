import { randomUUID } from 'node:crypto';
import { openNewCard } from './cards';
import { expect, signIn, test } from './fixtures';
import { sandbox } from './sandbox';

// Issue 12 items 8-9: a 3-D Secure code Sparados sends reaches the cardholder by e-mail (the dev mail sink),
// and the card's timeline says so with the code masked.

const DELIVERY_WAIT = { timeout: 45_000 };

test('a 3-D Secure code from Sparados arrives by e-mail addressed to the cardholder, and shows masked on the card', async ({ page }) => {
  await signIn(page, 'ADMIN');
  const tag = randomUUID().slice(0, 8);
  const email = `codes-${tag}@e2e.test`;
  const cardUrl = await openNewCard(page, { email, firstName: 'Otto', lastName: `Codes ${tag}` });
  const sparadosCard = ((await page.getByText(/^Sparados card \d+$/).textContent()) ?? '').replace('Sparados card ', '');
  expect(sparadosCard).toMatch(/^\d+$/);

  await sandbox.sendThreeDsOtp(sparadosCard, 45_99, `E2E Hotel ${tag}`);

  // The developer's inbox: the mail sink, shown by the panel.
  let code = '';
  await expect(async () => {
    await page.goto('/dev/mail');
    const mail = page.getByTestId('dev-mail').filter({ hasText: `E2E Hotel ${tag}` });
    await expect(mail).toHaveCount(1, { timeout: 2_000 });
    await expect(mail).toContainText(`To ${email}`);
    await expect(mail).toContainText('Your payment confirmation code');
    const text = (await mail.locator('pre').textContent()) ?? '';
    code = text.match(/^(\d{6}) is your code to confirm a payment of PLN\s45\.99 at E2E Hotel/)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
  }).toPass(DELIVERY_WAIT);

  // The card says what happened, with the code and the address masked, and never shows the code.
  await page.goto(cardUrl);
  const entry = page.getByTestId('timeline-entry').filter({ hasText: '3-D Secure code' });
  await expect(entry).toContainText(`3-D Secure code ••••${code.slice(-2)} for a payment at E2E Hotel ${tag} sent by e-mail to c•••@e2e.test.`);
  await expect(entry).toContainText('Code');
  expect(await page.content()).not.toContain(code);
});
