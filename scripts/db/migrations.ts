import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import internals from '@prisma/internals';
import type { Migrate, SchemaEngineWasm } from '@prisma/migrate';
import migratePackage from '@prisma/migrate';
import pg from 'pg';
import { projectRoot } from './paths';

// Migrations run offline through Prisma's WebAssembly schema engine (Prisma's CLI would download a
// native engine, which this machine cannot). These are Prisma internals: versions are pinned exactly,
// and tests/integration migrate a fresh database on every run. See docs/decisions/003.

// CommonJS packages: their named exports are read from the default export.
const { loadSchemaContext, toSchemasContainer, toSchemasWithConfigDir } = internals;
const { Migrate: MigrateRuntime, SchemaEngineWasm: SchemaEngineWasmRuntime } = migratePackage;

const schemaPath = join(projectRoot, 'prisma', 'schema.prisma');
const migrationsDir = join(projectRoot, 'prisma', 'migrations');
const noFilters = { externalTables: [], externalEnums: [] };

/** The engine's catalog queries return PostgreSQL's internal `"char"` type, which adapter-pg cannot read. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function reportCharAsText(target: { query: unknown }): void {
  const query = (target.query as (...args: unknown[]) => unknown).bind(target);
  target.query = (...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((value: pg.QueryResult) => {
      for (const field of value?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      return value;
    });
  };
}

function poolReportingCharAsText(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  reportCharAsText(pool);
  pool.on('connect', (client) => reportCharAsText(client));
  return pool;
}

type ScriptAdapter = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool; onError(error: unknown): never };

/**
 * adapter-pg runs a migration script by splitting it on every ";" — not atomic, and it breaks
 * function bodies and strings. PostgreSQL's simple query protocol runs the whole script as one
 * implicit transaction, which is what a migration needs.
 */
function runScriptsWhole(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const scripted = adapter as unknown as ScriptAdapter;
    scripted.executeScript = async (script: string) => {
      try {
        await scripted.underlyingDriver().query(script);
      } catch (error) {
        scripted.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}

async function withEngine<T>(url: string, work: (engine: SchemaEngineWasm, migrate: Migrate, schema: Awaited<ReturnType<typeof loadSchemaContext>>) => Promise<T>): Promise<T> {
  const pool = poolReportingCharAsText(url);
  const adapter = bindMigrationAwareSqlAdapterFactory(runScriptsWhole(new PrismaPg(pool)));
  const schemaContext = await loadSchemaContext({ schemaPath: { cliProvidedPath: schemaPath }, printLoadMessage: false, cwd: projectRoot });
  const engine = await SchemaEngineWasmRuntime.setup({ adapter, schemaContext });
  // Migrate.setup() would spawn the native engine; its constructor accepts any engine.
  const MigrateClass = MigrateRuntime as unknown as new (options: object) => Migrate;
  const migrate = new MigrateClass({ engine, schemaContext, migrationsDirPath: migrationsDir });
  try {
    return await work(engine, migrate, schemaContext);
  } finally {
    await engine.stop().catch(() => undefined);
    await pool.end();
  }
}

/** `prisma migrate deploy`: applies every migration in prisma/migrations not yet applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (_engine, migrate) => {
    const result = await migrate.applyMigrations();
    return result.appliedMigrationNames;
  });
}

/** Pending migration names (in the folder, not in the database), for status output. */
export async function pendingMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (_engine, migrate) => {
    const diagnostic = await migrate.diagnoseMigrationHistory({ optInToShadowDatabase: false });
    const history = diagnostic.history;
    return history && history.diagnostic === 'databaseIsBehind' ? history.unappliedMigrationNames : [];
  });
}

/**
 * `prisma migrate dev --name NAME`: brings the database up to date, diffs it against the schema and
 * writes the difference as a new migration (then applies it). Returns null when there is nothing to do.
 */
export async function createMigration(url: string, name: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('Migration name: use lower-case letters, digits and underscores');
  await applyMigrations(url);
  const script = await withEngine(url, async (engine, _migrate, schemaContext) => {
    const runCommand = (engine as unknown as { runCommand(c: string, i: object): Promise<{ stdout: string | null }> }).runCommand.bind(engine);
    const result = await runCommand('diff', {
      from: { tag: 'schemaDatasource', ...toSchemasWithConfigDir(schemaContext, projectRoot) },
      to: { tag: 'schemaDatamodel', ...toSchemasContainer(schemaContext.schemaFiles) },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  });
  if (!script.trim() || /^-- This is an empty migration\.\s*$/.test(script.trim())) return null;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name}`;
  await mkdir(join(migrationsDir, folder), { recursive: true });
  await writeFile(join(migrationsDir, folder, 'migration.sql'), script);
  await writeFile(join(migrationsDir, 'migration_lock.toml'), '# Managed by scripts/db/migrations.ts\nprovider = "postgresql"\n');
  await applyMigrations(url);
  return folder;
}

export async function listMigrationFolders(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}
