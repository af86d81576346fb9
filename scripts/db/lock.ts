import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

const STALE_MS = 120_000;

/**
 * A cross-process lock on a file (created exclusively). Several processes (the vitest setup, the
 * Playwright setup, `npm run dev`) may try to start the same database at once.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + STALE_MS;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_MS) await rm(path, { force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for lock ${path}`);
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
