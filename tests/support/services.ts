import { startSandbox } from '../../sandbox/server';
import { ensureCerts } from '../../scripts/certs';
import { dropOrphanedRunDatabases, startEmbeddedDatabase } from '../../scripts/db/embedded';
import { applyMigrations } from '../../scripts/db/migrations';
import { runSeed } from '../../scripts/db/seed-runner';
import { findFreePort } from '../../scripts/db/ports';
import { startMailSink } from '../../scripts/lib/mail-sink';
import { sandboxClientEnv } from '../../scripts/lib/sandbox-env';

// The real services every integration and e2e test runs against: a fresh, migrated and seeded
// PostgreSQL database and a sandbox over mTLS with in-memory state.

export const TEST_SESSION_SECRET = 'test-only-session-secret-not-for-production-use-000000';

export interface TestServices {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestServices(): Promise<TestServices> {
  const certs = await ensureCerts();

  // TEST_DATABASE_URL lets CI use a server of its own; never DATABASE_URL, which may be production.
  // Each run gets a database of its own, so two runs in one checkout never drop each other's.
  const given = process.env.TEST_DATABASE_URL;
  const embedded = given ? null : await startEmbeddedDatabase({ cluster: 'test', database: `panel_test_${process.pid}`, fresh: true });
  const databaseUrl = given ?? embedded!.url;
  if (embedded?.kind === 'postgres') await dropOrphanedRunDatabases(databaseUrl, 'panel_test_');
  await applyMigrations(databaseUrl);
  await runSeed(databaseUrl);

  // The create answers `{ approvalId }` only, all that seed 001 promises: every test proves the panel
  // needs no more (the default sandbox adds the approval's fields beside it).
  // Codes and wallet messages go to a webhook listener on this port, which the e2e run starts (playwright.config.ts);
  // transaction events do not (the e2e reads THC). The e-mail notifier's mail lands in the sink.
  const webhookPort = await findFreePort(4580);
  const webhookUrl = `https://localhost:${webhookPort}`;
  const mailSink = await startMailSink();
  const sandbox = await startSandbox({
    port: 0,
    stateFile: ':memory:',
    retryScale: 0.001,
    createReply: 'id-only',
    log: () => undefined,
    webhookUrls: { threeDs: `${webhookUrl}/3ds-otp`, wallet: `${webhookUrl}/wallet` },
    webhookCaFile: certs.sandboxCa,
  });

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: TEST_SESSION_SECRET,
    ...sandboxClientEnv({ url: sandbox.url, certs }),
    WEBHOOK_PORT: String(webhookPort),
    SMTP_URL: mailSink.smtpUrl,
    DEV_MAIL_SINK_URL: mailSink.listUrl,
  };
  return {
    env,
    async stop() {
      await sandbox.close();
      await mailSink.close();
      await embedded?.dropAndStop();
    },
  };
}

/** Names of the variables startTestServices sets; a process that received them all can reuse the services. */
export const TEST_SERVICE_VARIABLES = ['DATABASE_URL', 'SANDBOX_URL', 'SPARADOS_CERT_FILE'] as const;
