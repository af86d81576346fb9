import 'server-only';
import { EnvError, getEnv, type Env } from '@/lib/env';
import { consoleChannel } from './console';
import { emailChannel, smtpTransport } from './email';
import type { Channel, ChannelName, Notifier } from './notifier';
import { createNotifier } from './route';
import { smsHttpChannel } from './sms-http';

export type { ChannelAttempt, ChannelName, CodeDelivery, Notifier } from './notifier';
export { createNotifier } from './route';

let current: Notifier | undefined;

/**
 * The console channel writes one-time codes into the log, where anyone reading logs can use them:
 * refused in production (docs/decisions/107). Checked when the worker starts, so it stops at once.
 */
export function assertNotifierAllowed(env: Pick<Env, 'NOTIFIER' | 'NODE_ENV'> = getEnv()): void {
  if (env.NOTIFIER.includes('console') && env.NODE_ENV === 'production') {
    throw new EnvError(['NOTIFIER: the console channel writes 3-D Secure and wallet codes into the log; it is refused in production. Use email (SMTP_URL) and/or sms (SMS_HTTP_URL).']);
  }
}

function channel(name: ChannelName, env: Env): Channel {
  switch (name) {
    case 'email':
      return emailChannel({ transport: smtpTransport(env.SMTP_URL!), from: env.NOTIFY_EMAIL_FROM });
    case 'sms':
      return smsHttpChannel({ url: env.SMS_HTTP_URL!, authorization: env.SMS_HTTP_AUTHORIZATION, contentType: env.SMS_HTTP_CONTENT_TYPE, bodyTemplate: env.SMS_HTTP_BODY });
    case 'console':
      return consoleChannel();
  }
}

/** The configured notifier (NOTIFIER, in order of preference; console alone when unset). */
export function getNotifier(): Notifier {
  assertNotifierAllowed();
  const env = getEnv();
  current ??= createNotifier(env.NOTIFIER.map((name) => channel(name, env)));
  return current;
}
