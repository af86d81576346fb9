// `npm run webhooks`: the listener Sparados calls with transaction events, 3DS OTPs and wallet
// notifications (issue 7). It only stores them in the inbox; the worker processes them.
// Prints "Webhook listener on https://…" once listening (scripts/dev.ts waits for that line).
import { db } from '@/lib/db';
import { createInboxWriter } from '@/lib/webhooks/inbox';
import { startWebhookListener } from '@/lib/webhooks/listener';
import { webhookSettings } from '@/lib/webhooks/config';

function log(level: 'info' | 'warn' | 'error', message: string, details: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, at: new Date().toISOString(), message, ...details });
  if (level === 'error') console.error(line);
  else console.log(line);
}

async function main(): Promise<void> {
  const settings = webhookSettings();
  // Open the pool before the first call so the first event is not the one that pays for it.
  await db.$queryRaw`SELECT 1`;
  const listener = await startWebhookListener({
    host: settings.host,
    port: settings.port,
    tls: settings.tls,
    basic: settings.basic,
    pins: settings.pins,
    record: createInboxWriter({ sealKey: settings.sealKey }),
    log,
  });
  const host = settings.host === '127.0.0.1' || settings.host === '0.0.0.0' ? 'localhost' : settings.host;
  const pinned = [...settings.pins.subjects.map((s) => `CN=${s}`), ...settings.pins.fingerprints.map((f) => `SHA-256 ${f.slice(0, 11)}…`)].join(', ');
  console.log(`Webhook listener on https://${host}:${listener.port}${settings.basic ? ' (THC Basic on /basic/transaction-event)' : ''} (callers: ${pinned})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', `webhook listener stopping (${signal})`);
    try {
      await listener.close();
      await db.$disconnect();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
