import 'server-only';
import { getEnv } from '@/lib/env';
import { consoleNotifier } from './console';
import type { Notifier } from './notifier';

export type { CodeDelivery, Notifier } from './notifier';

const NOTIFIERS = {
  console: () => consoleNotifier(),
} as const satisfies Record<ReturnType<typeof getEnv>['NOTIFIER'], () => Notifier>;

let current: Notifier | undefined;

/** The configured notifier (NOTIFIER; console in dev). */
export function getNotifier(): Notifier {
  current ??= NOTIFIERS[getEnv().NOTIFIER]();
  return current;
}
