import { defineConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { E2E_SERVER_LOG } from './e2e/server-log';

// Started by `npm test` (scripts/test.ts), which provides the database, the sandbox, a production
// build and E2E_PORT. Chromium is Debian's (Playwright's own browser download is not available here).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
mkdirSync(dirname(E2E_SERVER_LOG), { recursive: true });

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-domain-reliability',
        '--no-pings',
        '--disable-default-apps',
        '--disable-breakpad',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    },
  },
  webServer: [
    {
      // Everything the app server prints also goes to a file, which e2e/card-details.spec.ts searches for card data.
      command: `sh -c 'node_modules/.bin/next start -p ${port} -H 127.0.0.1 2>&1 | tee "${E2E_SERVER_LOG}" >&2'`,
      url: `${baseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The job worker (sync, reconciler, bulk jobs), syncing every 2 s so upstream changes show quickly.
      // The e2e sandbox sends no transaction events: transactions arrive by the THC reconcile, every 5 s here.
      command: 'node --conditions=react-server --import tsx scripts/worker.ts',
      wait: { stdout: /Worker ready/ },
      // Codes go by e-mail into the test services' mail sink (SMTP_URL), which the panel shows at /dev/mail.
      env: { ...(process.env as Record<string, string>), NOTIFIER: 'email', SYNC_INTERVAL_SECONDS: '2', TRANSACTIONS_RECONCILE_SECONDS: '5' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The webhook listener on WEBHOOK_PORT (tests/support/services.ts), where the sandbox sends 3-D Secure codes
      // and wallet messages; pinned to the sandbox's outbound certificate as production would pin Sparados'.
      command: 'node --conditions=react-server --import tsx scripts/webhooks.ts',
      wait: { stdout: /Webhook listener on/ },
      env: { ...(process.env as Record<string, string>), WEBHOOK_ALLOWED_SUBJECTS: 'sparados-outbound.sandbox' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
