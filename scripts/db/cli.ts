// `npm run db:*`: the database commands. With DATABASE_URL they act on that database; without it, on
// this checkout's embedded development database (started on demand).
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { applyMigrations, createMigration } from './migrations';
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
    default:
      throw new Error(`Unknown command '${command ?? ''}'. Commands: start, migrate, create NAME, seed [--force]`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
