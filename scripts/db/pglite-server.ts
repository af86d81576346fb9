// Fallback database for machines without PostgreSQL binaries: PGlite (PostgreSQL in Wasm) served over
// the PostgreSQL wire protocol. Runs as its own process so several processes can connect to it.
// Usage: tsx scripts/db/pglite-server.ts <dataDir|memory> <port>
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [location = 'memory', portText = '0'] = process.argv.slice(2);
const db = location === 'memory' ? new PGlite() : new PGlite(location);
await db.waitReady;
const server = new PGLiteSocketServer({ db, port: Number(portText), host: '127.0.0.1', maxConnections: 100 });
await server.start();
process.stdout.write(`ready ${server.getServerConn()}\n`);

async function shutdown() {
  await server.stop();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
