// `npm run db:*`: the database commands. With DATABASE_URL they act on that database; without it, on
// this checkout's embedded development database (started on demand).
import { setUpAppRole } from './app-role';
import { createScriptClient } from './client';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { applyMigrations, createMigration } from './migrations';
import { resetTwoFactorFromConsole } from './reset-two-factor';
import { runSeed } from './seed-runner';

const [command, ...args] = process.argv.slice(2);

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  const url = process.env.DATABASE_URL;
  if (url) return { url };
  const embedded = await startEmbeddedDatabase({ cluster: 'dev', database: 'panel_dev' });
  return { url: embedded.url, embedded };
}

async function main(): Promise<void> {
  switch (command) {
    case 'start': {
      const { url, embedded } = await openDatabase();
      await applyMigrations(url);
      console.log(`Database ready: ${url}`);
      if (!embedded) return;
      console.log('Press Ctrl-C to stop it.');
      const stop = async () => {
        await embedded.stop();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      setInterval(() => undefined, 1 << 30);
      return;
    }
    case 'migrate': {
      const { url, embedded } = await openDatabase();
      const applied = await applyMigrations(url);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      await embedded?.stop();
      return;
    }
    case 'create': {
      const name = args[0];
      if (!name) throw new Error('Usage: npm run db:migration -- NAME (lower-case letters, digits, underscores)');
      const { url, embedded } = await openDatabase();
      const folder = await createMigration(url, name);
      console.log(folder ? `Created and applied prisma/migrations/${folder}` : 'The schema matches the database: no migration needed.');
      await embedded?.stop();
      return;
    }
    case 'seed': {
      const { url, embedded } = await openDatabase();
      await applyMigrations(url);
      await runSeed(url, { force: args.includes('--force') });
      await embedded?.stop();
      return;
    }
    case 'app-role': {
      // Production: DATABASE_URL is the owner's (migrations) connection; the app then connects as ROLE.
      const role = args[0];
      if (!role) throw new Error('Usage: APP_ROLE_PASSWORD=… DATABASE_URL=<owner url> npm run db:app-role -- ROLE');
      const { url, embedded } = await openDatabase();
      await applyMigrations(url);
      const done = await setUpAppRole(url, { role, password: process.env.APP_ROLE_PASSWORD || undefined, jobsSchema: process.env.JOBS_SCHEMA || 'pgboss' });
      console.log(done.map((sql) => `${sql};`).join('\n'));
      console.log(`\nRole ${role} is ready: connect the app and the worker as it; keep running migrations as the owner.`);
      await embedded?.stop();
      return;
    }
    case 'reset-two-factor': {
      const target = args[0];
      if (!target) throw new Error('Usage: npm run db:reset-two-factor -- EMAIL | --all');
      const { url, embedded } = await openDatabase();
      const client = createScriptClient(url);
      try {
        const reset = await resetTwoFactorFromConsole(client, target === '--all' ? 'all' : { email: target });
        console.log(reset.length ? `Reset two-factor sign-in of: ${reset.join(', ')}. They set it up again at their next sign-in.` : 'Nobody had two-factor sign-in.');
      } finally {
        await client.$disconnect();
        await embedded?.stop();
      }
      return;
    }
    default:
      throw new Error(`Unknown command '${command ?? ''}'. Commands: start, migrate, create NAME, seed [--force], app-role ROLE, reset-two-factor EMAIL|--all`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
