import { escapeIdentifier, escapeLiteral, Client } from 'pg';

// The database role the panel runs as in production (SECURITY.md, docs/decisions/109). Migrations run
// as the owner of the tables; the app and the worker connect as this role, which may read and write
// rows but owns none of the panel's tables: it cannot alter them, so it cannot disable or drop the
// audit log's triggers, and it holds no UPDATE, DELETE or TRUNCATE on the audit log at all. It owns
// only the job queue's schema (pg-boss creates and upgrades its tables itself).

export interface AppRoleOptions {
  role: string;
  /** Creates the role (or sets its password) when given; without it the role must exist. */
  password?: string;
  /** JOBS_SCHEMA. */
  jobsSchema: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Grants for the tables and sequences that exist now and those later migrations (run by this owner) create. */
function grantStatements(role: string): string[] {
  const r = escapeIdentifier(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    // The audit log takes new entries only; the migration history is none of the app's business.
    `REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM ${r}`,
    `REVOKE ALL ON "_prisma_migrations" FROM ${r}`,
  ];
}

/** Sets the role up on the database `url` points at (connected as the tables' owner). Idempotent. */
export async function setUpAppRole(url: string, options: AppRoleOptions): Promise<string[]> {
  if (!ROLE_NAME.test(options.role)) throw new Error('The role name must be a lower-case SQL identifier (letters, digits, underscores).');
  const client = new Client({ connectionString: url });
  await client.connect();
  const done: string[] = [];
  const run = async (sql: string) => {
    await client.query(sql);
    done.push(sql.replace(/PASSWORD '.*'/, "PASSWORD '…'"));
  };
  try {
    const r = escapeIdentifier(options.role);
    const me = (await client.query<{ current_user: string }>('SELECT current_user')).rows[0].current_user;
    if (me === options.role) throw new Error('Run this as the owner of the tables (the migrations role), not as the app role.');
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [options.role])).rowCount === 1;
    if (!exists && !options.password) throw new Error(`Role ${options.role} does not exist: give a password (APP_ROLE_PASSWORD) to create it.`);
    if (!exists) await run(`CREATE ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${escapeLiteral(options.password!)}`);
    else if (options.password) await run(`ALTER ROLE ${r} PASSWORD ${escapeLiteral(options.password)}`);
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    await run(`GRANT CONNECT, TEMPORARY ON DATABASE ${escapeIdentifier(database)} TO ${r}`);
    for (const sql of grantStatements(options.role)) await run(sql);

    // The job queue's schema belongs to the app role, tables and all (an earlier worker may have made them as the owner).
    const schema = escapeIdentifier(options.jobsSchema);
    await run(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${r}`);
    await run(`ALTER SCHEMA ${schema} OWNER TO ${r}`);
    const owned = await client.query<{ kind: string; name: string }>(
      `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind, c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v') AND pg_get_userbyid(c.relowner) <> $2`,
      [options.jobsSchema, options.role],
    );
    for (const { kind, name } of owned.rows) await run(`ALTER ${kind} ${schema}.${escapeIdentifier(name)} OWNER TO ${r}`);
    const types = await client.query<{ name: string }>(
      `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $2`,
      [options.jobsSchema, options.role],
    );
    for (const { name } of types.rows) await run(`ALTER TYPE ${schema}.${escapeIdentifier(name)} OWNER TO ${r}`);
    const functions = await client.query<{ signature: string }>(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2`,
      [options.jobsSchema, options.role],
    );
    for (const { signature } of functions.rows) await run(`ALTER FUNCTION ${signature} OWNER TO ${r}`);
    return done;
  } finally {
    await client.end();
  }
}
