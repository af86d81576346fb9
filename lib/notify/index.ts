import 'server-only';
import { EnvError, getEnv, type Env } from '@/lib/env';
import { consoleNotifier } from './console';
import type { Notifier } from './notifier';

export type { CodeDelivery, Notifier } from './notifier';

const NOTIFIERS = {
  console: () => consoleNotifier(),
} as const satisfies Record<ReturnType<typeof getEnv>['NOTIFIER'], () => Notifier>;

let current: Notifier | undefined;

/**
 * The console notifier writes one-time codes into the log, where anyone reading logs can use them:
 * refused in production (docs/decisions/107). Checked when the worker starts, so it stops at once.
 */
export function assertNotifierAllowed(env: Pick<Env, 'NOTIFIER' | 'NODE_ENV'> = getEnv()): void {
  if (env.NOTIFIER === 'console' && env.NODE_ENV === 'production') {
    throw new EnvError(['NOTIFIER: the console notifier writes 3-D Secure and wallet codes into the log; it is refused in production. Configure a notifier that reaches the cardholder.']);
  }
}

/** The configured notifier (NOTIFIER; console in dev). */
export function getNotifier(): Notifier {
  assertNotifierAllowed();
  current ??= NOTIFIERS[getEnv().NOTIFIER]();
  return current;
}
