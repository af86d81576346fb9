'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { testSparadosConnection } from './connection-test';

// Settings page, ADMIN only: one read-only call to Sparados to show whether the connection works.
// Not audited: it changes nothing, and a failure is shown, not stored.

export const testSparadosConnectionAction = defineAction({
  name: 'settings.sparados.test',
  permission: 'settings.manage',
  schema: z.object({}),
  run: () => testSparadosConnection(),
});
