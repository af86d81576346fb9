'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False in the server render and until React has hydrated. Forms that submit through JavaScript
 * keep their submit button disabled until then, so an early click cannot fall back to a native
 * GET that would put the password in the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
