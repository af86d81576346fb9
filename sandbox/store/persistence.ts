// Snapshot persistence: the whole state as JSON, written to a temporary file, fsynced and renamed over the
// old one, so a crash at any moment leaves either the previous or the new complete file, never a torn one.
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SandboxState } from './types';

export const MEMORY = ':memory:';

export function loadSnapshot(file: string): SandboxState | null {
  if (file === MEMORY || !existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  return JSON.parse(text) as SandboxState;
}

export async function writeSnapshotAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable.
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic there.
  } finally {
    await dirHandle.close();
  }
}

/** Debounced writer: many changes in a burst cost one write; `flush()` waits for everything pending. */
export class SnapshotWriter {
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly file: string,
    private readonly serialize: () => string,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 100,
  ) {}

  get enabled(): boolean {
    return this.file !== MEMORY;
  }

  schedule(): void {
    if (!this.enabled) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.writeNow().catch(this.onError);
    }, this.delayMs);
    this.timer.unref();
  }

  private async writeNow(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const text = this.serialize();
    this.writing = writeSnapshotAtomic(this.file, text).finally(() => {
      this.writing = null;
    });
    await this.writing;
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.enabled) return;
    await this.writeNow();
  }
}
