// Demo users have published passwords: seeding them into a real deployment would open it to
// anyone who read the README. The guard looks at both what the configuration says and where the
// connection actually landed.

export interface SeedTarget {
  nodeEnv: string | undefined;
  databaseUrl: string | undefined;
  /** inet_server_addr() of the open connection; null over a Unix socket. */
  serverAddress: string | null;
  allowProduction: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/\/\d+$/, '');
  return bare === '::1' || bare.startsWith('127.') || bare === '::ffff:127.0.0.1';
}

function urlHost(databaseUrl: string): string | null {
  try {
    const url = new URL(databaseUrl);
    // postgresql://user@/db?host=/socket/dir: a Unix socket is local by construction.
    if (!url.hostname) return url.searchParams.get('host')?.startsWith('/') ? 'localhost' : null;
    return url.hostname;
  } catch {
    return null;
  }
}

/** Why seeding must not run here, or null when it may. */
export function seedRefusal(target: SeedTarget): string | null {
  if (target.allowProduction) return null;
  if (target.nodeEnv === 'production') {
    return 'Refusing to seed demo users with NODE_ENV=production. Set ALLOW_PRODUCTION_SEED=true (or pass --force) if you really mean it.';
  }
  if (target.databaseUrl) {
    const host = urlHost(target.databaseUrl);
    if (!host || !LOCAL_HOSTS.has(host)) {
      return `Refusing to seed demo users into a database on '${host ?? 'an unreadable URL'}': only localhost is seeded without ALLOW_PRODUCTION_SEED=true.`;
    }
  }
  if (target.serverAddress !== null && !isLoopbackAddress(target.serverAddress)) {
    return `Refusing to seed demo users: the database answered from ${target.serverAddress}, not from this machine. Set ALLOW_PRODUCTION_SEED=true to override.`;
  }
  return null;
}
