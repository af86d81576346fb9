import { demoUsers, expect, signIn, test } from './fixtures';

// What a browser sees of the panel's hardening (issue 11), against the production build: headers,
// the session cookie, where sign-in may send it, exports only from the panel itself, ids checked.

test('pages carry a nonce-based Content-Security-Policy that the page itself obeys, and the fixed headers', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = (await page.goto('/sign-in'))!;
  const headers = response.headers();
  const csp = headers['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(csp).toContain(directive);
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');

  // Next put this response's nonce on its own scripts; each request gets a new one.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scriptNonces = await page.locator('script[src]').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  const again = (await page.request.get('/sign-in')).headers()['content-security-policy'];
  expect(again).not.toContain(nonce);

  // The panel works under it: sign in, open a few pages; the browser reports no blocked script or style.
  await signIn(page, 'ADMIN');
  for (const path of ['/cards', '/transactions', '/settings']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test('the session cookie is HttpOnly, SameSite=Lax and Secure', async ({ page, context }) => {
  await signIn(page, 'VIEWER');
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith('next-auth.session-token'));
  expect(session).toMatchObject({ name: '__Secure-next-auth.session-token', httpOnly: true, sameSite: 'Lax', secure: true });
});

test('sign-in never sends the browser to another site, however the address is disguised', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  for (const target of ['https://evil.example/x', '//evil.example/x', '/\t/evil.example/x', '/\\evil.example/x', '/%2F%2Fevil.example']) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel('Email').fill(demoUsers.VIEWER.email);
    await page.getByLabel('Password').fill(demoUsers.VIEWER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('banner').getByText(demoUsers.VIEWER.name)).toBeVisible();
    expect(new URL(page.url()).origin, target).toBe(origin);
  }
});

test('exports answer only requests from the panel itself', async ({ page }) => {
  await signIn(page, 'VIEWER');
  for (const path of ['/api/transactions/export', '/api/audit/export']) {
    const crossSite = await page.request.get(path, { headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' } });
    expect(crossSite.status(), path).toBe(403);
    const foreignOrigin = await page.request.get(path, { headers: { Origin: 'https://evil.example' } });
    expect(foreignOrigin.status(), path).toBe(403);
  }
  // The real download link on the page still works.
  await page.goto('/transactions');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Export CSV/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});

test('a malformed id in an address is "not found", not a server error', async ({ page }) => {
  await signIn(page, 'VIEWER');
  for (const path of ['/cards/not-a-uuid', "/cardholders/1'%20OR%201=1"]) {
    await page.goto(path);
    await expect(page.getByText('Not found', { exact: true }), path).toBeVisible();
  }
  expect((await page.request.get('/api/cards/not-a-uuid')).status()).toBe(404);
});
