import { createServer } from 'node:net';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, host, () => server.close(() => resolvePromise(true)));
  });
}

/** The preferred port when free, else the next free one above it. */
export async function findFreePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  for (let port = preferred; port < preferred + 200; port += 1) {
    if (await isPortFree(port, host)) return port;
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 199}`);
}
