import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { checkoutOffset, dataDir } from './paths';
import { findFreePort } from './ports';

// A private PostgreSQL cluster for this checkout, made from the machine's PostgreSQL binaries.
// Trust authentication on 127.0.0.1 only, no Unix socket: it is a development database.

export interface NativeCluster {
  binDir: string;
  dataDirectory: string;
  port: number;
  /** True when this call started the server (the caller then owns stopping it). */
  startedHere: boolean;
}

const SUPERUSER = 'postgres';

export function findPostgresBinaries(explicit?: string): string | null {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  for (const root of ['/usr/lib/postgresql', '/usr/local/lib/postgresql']) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  candidates.push('/usr/local/pgsql/bin', '/opt/homebrew/bin', '/usr/local/bin', '/usr/bin');
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

/** initdb and postgres refuse to run as root; when we are root they run as this account. */
function serviceAccount(): { name: string; uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const name = process.env.PG_RUN_AS ?? 'postgres';
  const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (id.status !== 0) {
    throw new Error(`Running as root, PostgreSQL must run as another user, and user '${name}' does not exist (set PG_RUN_AS).`);
  }
  return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(binary: string, args: string[], account: ReturnType<typeof serviceAccount>): string {
  const [command, fullArgs] = account ? ['runuser', ['-u', account.name, '--', binary, ...args]] : [binary, args];
  try {
    return execFileSync(command, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${binary} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

async function chooseDataDirectory(account: ReturnType<typeof serviceAccount>, name: string): Promise<string> {
  const preferred = join(dataDir, name);
  await mkdir(preferred, { recursive: true });
  if (!account) return preferred;
  await chown(preferred, account.uid, account.gid);
  await chmod(preferred, 0o700);
  // The service account must be able to reach the folder; a checkout inside a private home is not.
  const probe = spawnSync('runuser', ['-u', account.name, '--', 'test', '-w', preferred]);
  if (probe.status === 0) return preferred;
  const fallback = join(tmpdir(), `sparados-${name}-${checkoutOffset(1_000_000)}`);
  await mkdir(fallback, { recursive: true });
  await chown(fallback, account.uid, account.gid);
  await chmod(fallback, 0o700);
  return fallback;
}

function runningPort(dataDirectory: string, binDir: string, account: ReturnType<typeof serviceAccount>): number | null {
  const pidFile = join(dataDirectory, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const status = account
    ? spawnSync('runuser', ['-u', account.name, '--', join(binDir, 'pg_ctl'), '-D', dataDirectory, 'status'])
    : spawnSync(join(binDir, 'pg_ctl'), ['-D', dataDirectory, 'status']);
  if (status.status !== 0) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : null;
}

export async function startNativeCluster(binDir: string, name: string): Promise<NativeCluster> {
  const account = serviceAccount();
  const dataDirectory = await chooseDataDirectory(account, name);
  if (!existsSync(join(dataDirectory, 'PG_VERSION'))) {
    run(join(binDir, 'initdb'), ['-D', dataDirectory, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '-N'], account);
  }
  const existing = runningPort(dataDirectory, binDir, account);
  if (existing) return { binDir, dataDirectory, port: existing, startedHere: false };

  const port = await findFreePort(54_000 + checkoutOffset(900) + (name === 'postgres' ? 0 : 1));
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    '-c shared_buffers=64MB',
  ].join(' ');
  run(join(binDir, 'pg_ctl'), ['-D', dataDirectory, '-l', join(dataDirectory, 'server.log'), '-o', options, '-w', '-t', '60', 'start'], account);
  return { binDir, dataDirectory, port, startedHere: true };
}

export function stopNativeCluster(cluster: NativeCluster): void {
  const account = serviceAccount();
  run(join(cluster.binDir, 'pg_ctl'), ['-D', cluster.dataDirectory, '-m', 'fast', '-w', 'stop'], account);
}

export const nativeSuperuser = SUPERUSER;
