// `npm run dev`: the whole product on one machine. Certificates, the embedded database (migrated,
// seeded when empty), the webhook listener, the Sparados sandbox, the job worker and Next.js, with
// prefixed logs; Ctrl-C stops all of it.
import { join } from 'node:path';
import { ensureCerts } from './certs';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { applyMigrations } from './db/migrations';
import { dataDir, projectRoot } from './db/paths';
import { findFreePort } from './db/ports';
import { runSeed } from './db/seed-runner';
import { seedDemoCards } from './demo-data';
import { devSessionSecret } from './lib/dev-secret';
import { sandboxClientEnv } from './lib/sandbox-env';
import { startMailSink, type MailSink } from './lib/mail-sink';
import { prefixLines, startChild, stopChildren, waitForOutput } from './lib/processes';

const log = prefixLines('dev', 0);
const say = (line: string) => log(Buffer.from(`${line}\n`));

async function main(): Promise<void> {
  let embedded: EmbeddedDatabase | undefined;
  let mailSink: MailSink | undefined;
  let stopping = false;
  const demoSeeding = new AbortController();
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    demoSeeding.abort();
    await stopChildren();
    await mailSink?.close().catch(() => undefined);
    await embedded?.stop().catch((e: Error) => say(`database stop failed: ${e.message}`));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const certs = await ensureCerts();
  if (certs.created) say('Created development certificates in .certs/');

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedDatabase({ cluster: 'dev', database: 'panel_dev' });
    databaseUrl = embedded.url;
    say(`Embedded ${embedded.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} database at ${databaseUrl}`);
  }
  const applied = await applyMigrations(databaseUrl);
  if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
  if (await runSeed(databaseUrl, { onlyIfEmpty: true })) say('Seeded demo data (logins in README.md)');

  const port = Number(process.env.PORT ?? 3000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? devSessionSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
    // The demo logins work with a password alone here; production requires a second factor of Admins
    // and Approvers unless MFA_REQUIRED_ROLES says otherwise.
    MFA_REQUIRED_ROLES: process.env.MFA_REQUIRED_ROLES ?? 'none',
  };
  // Codes for cardholders go by e-mail into a local sink the panel shows at /dev/mail, unless the developer
  // configured channels of their own (NOTIFIER, SMTP_URL).
  if (!process.env.NOTIFIER && !process.env.SMTP_URL) {
    mailSink = await startMailSink();
    Object.assign(env, { NOTIFIER: 'email', SMTP_URL: mailSink.smtpUrl, DEV_MAIL_SINK_URL: mailSink.listUrl });
    say(`Mail sink on ${mailSink.smtpUrl}: cardholders' codes show at http://localhost:${port}/dev/mail`);
  }
  if (env.MFA_REQUIRED_ROLES === 'none') say('Two-factor sign-in is optional here (MFA_REQUIRED_ROLES=none); set it up under Your account.');

  // The webhook listener (issue 7) starts before the sandbox so the sandbox's first event finds it.
  const webhookPort = process.env.WEBHOOK_PORT ? Number(process.env.WEBHOOK_PORT) : await findFreePort(4480);
  env.WEBHOOK_PORT = String(webhookPort);
  const webhooks = startChild('webhooks', 4, process.execPath, ['--conditions=react-server', '--import', 'tsx', join(projectRoot, 'scripts/webhooks.ts')], { cwd: projectRoot, env });
  webhooks.once('exit', (code) => !stopping && (say(`webhook listener exited (${code})`), void shutdown(code ?? 1)));
  const [, webhookUrl] = await waitForOutput(webhooks, /Webhook listener on (https:\/\/\S+)/);

  const sparadosEnv = process.env.SPARADOS_ENV ?? 'sandbox';
  let sandboxUrl: string | undefined;
  if (sparadosEnv === 'sandbox') {
    const sandboxPort = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : await findFreePort(4443);
    const sandbox = startChild('sandbox', 1, process.execPath, ['--import', 'tsx', join(projectRoot, 'sandbox/main.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_STATE_FILE: process.env.SANDBOX_STATE_FILE ?? join(dataDir, 'sandbox-state.json'),
        // Sparados's outbound calls go to the listener, which shows the sandbox server certificate (decision 081).
        SANDBOX_WEBHOOK_TRANSACTIONS_URL: process.env.SANDBOX_WEBHOOK_TRANSACTIONS_URL ?? `${webhookUrl}/transaction-event`,
        SANDBOX_WEBHOOK_3DS_URL: process.env.SANDBOX_WEBHOOK_3DS_URL ?? `${webhookUrl}/3ds-otp`,
        SANDBOX_WEBHOOK_WALLET_URL: process.env.SANDBOX_WEBHOOK_WALLET_URL ?? `${webhookUrl}/wallet`,
        SANDBOX_WEBHOOK_CA: process.env.SANDBOX_WEBHOOK_CA ?? certs.sandboxCa,
      },
    });
    sandbox.once('exit', (code) => !stopping && (say(`sandbox exited (${code})`), void shutdown(1)));
    [, sandboxUrl] = await waitForOutput(sandbox, /listening on (https:\/\/\S+)/);
    // Variables the developer set win over the sandbox defaults.
    Object.assign(env, { SANDBOX_PORT: String(sandboxPort), ...sandboxClientEnv({ url: sandboxUrl, certs }, env) });
  }

  // A fresh database gets demo cards and spend, made through the product against the sandbox while
  // Next compiles; with cards present (a second start) the child only counts them and exits.
  if (sandboxUrl) {
    seedDemoCards({ sandboxUrl, env, signal: demoSeeding.signal }).then(
      ({ created, transactions }) => created !== null && say(`Created ${created} demo cards (${transactions} transactions)`),
      (error: Error) => !stopping && say(`warning: demo cards not created: ${error.message}`),
    );
  }

  // The worker (sync, reconciler, bulk jobs) runs beside Next with the same environment.
  const worker = startChild('worker', 3, process.execPath, ['--conditions=react-server', '--import', 'tsx', join(projectRoot, 'scripts/worker.ts')], { cwd: projectRoot, env });
  worker.once('exit', (code) => !stopping && (say(`worker exited (${code})`), void shutdown(code ?? 1)));

  const next = startChild('next', 2, join(projectRoot, 'node_modules/.bin/next'), ['dev', '-p', String(port)], { cwd: projectRoot, env });
  next.once('exit', (code) => !stopping && (say(`next exited (${code})`), void shutdown(code ?? 1)));
  await waitForOutput(next, /Ready in/);
  say(`Panel ready at http://localhost:${port} — sign in as admin@demo.test / demo-admin-2026`);
}

main().catch(async (error: Error) => {
  console.error(error.message);
  await stopChildren();
  process.exit(1);
});
