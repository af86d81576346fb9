// Demo cards and spend for `npm run dev` (lib/demo/cards.ts does the work through the product code).
// dev.ts calls seedDemoCards, which runs this file as a short child process with the worker's
// environment: the panel's server modules load only under the react-server condition, which dev.ts
// itself does not have. Does nothing unless the panel database has no cards and SPARADOS_ENV is
// sandbox, so a second start, or a database whose sandbox state file was deleted, is left alone.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SeedDemoCardsOptions {
  sandboxUrl: string;
  /** The worker's environment (DATABASE_URL, SPARADOS_*). */
  env: NodeJS.ProcessEnv;
  /** Aborting stops the child (dev shutting down mid-way). */
  signal?: AbortSignal;
}

export interface SeedDemoCardsResult {
  /** Cards created, or null when the database already had cards (or this is not the sandbox). */
  created: number | null;
  transactions: number;
}

const RESULT = /^DEMO_RESULT (\{.*\})$/m;

export function seedDemoCards({ sandboxUrl, env, signal }: SeedDemoCardsOptions): Promise<SeedDemoCardsResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...env, SANDBOX_URL: sandboxUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const match = output.match(RESULT);
      if (code === 0 && match) return resolvePromise(JSON.parse(match[1]!) as SeedDemoCardsResult);
      reject(new Error(output.trim().split('\n').slice(-5).join(' | ') || `exited with code ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const { getEnv } = await import('@/lib/env');
  const { db } = await import('@/lib/db');
  const { closeSparadosAgents } = await import('@/lib/sparados');
  let result: SeedDemoCardsResult = { created: null, transactions: 0 };
  try {
    const sandboxUrl = process.env.SANDBOX_URL;
    if (getEnv().SPARADOS_ENV === 'sandbox' && sandboxUrl && (await db.card.count()) === 0) {
      const { createDemoCards } = await import('@/lib/demo/cards');
      const report = await createDemoCards(sandboxUrl);
      result = { created: report.cards, transactions: report.transactions };
    }
  } finally {
    await closeSparadosAgents();
    await db.$disconnect();
  }
  console.log(`DEMO_RESULT ${JSON.stringify(result)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
