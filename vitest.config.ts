import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = {
  '@/': `${root}/`,
  // Next's marker package throws outside a React Server Components bundle; in tests it is a no-op.
  'server-only': `${root}/tests/support/empty.ts`,
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['{lib,sandbox,scripts,components}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.{ts,tsx}', 'node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['{lib,sandbox,scripts,tests}/**/*.int.test.{ts,tsx}'],
          exclude: ['node_modules/**'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration files share one database and one sandbox; run files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
