import { join } from 'node:path';

/** What the e2e app server printed (stdout and stderr), rewritten on each run. */
export const E2E_SERVER_LOG = join(process.cwd(), '.data', 'test-reports', 'e2e-server.log');
