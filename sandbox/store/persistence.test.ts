import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotWriter, loadSnapshot, writeSnapshotAtomic } from './persistence';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-persist-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const WRITER = fileURLToPath(new URL('../testing/crash-writer.ts', import.meta.url));

/** Runs the writer, kills it with SIGKILL after `writes` complete writes plus a random part of the next one. */
function runAndKill(file: string, writes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      const seqs = chunk.toString().match(/wrote (\d+)/g) ?? [];
      for (const s of seqs) last = Number(s.slice(6));
      if (last >= writes) setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
    });
    child.on('exit', () => resolve(last));
    child.on('error', reject);
  });
}

describe('snapshot persistence', () => {
  it('writes atomically and reads back', async () => {
    const file = join(dir, 'a', 'state.json');
    await writeSnapshotAtomic(file, JSON.stringify({ version: 1, hello: 'world' }));
    expect(loadSnapshot(file)).toEqual({ version: 1, hello: 'world' });
    expect(loadSnapshot(':memory:')).toBeNull();
    expect(loadSnapshot(join(dir, 'missing.json'))).toBeNull();
  });

  it('a process killed in the middle of writing leaves the previous or the next complete file, never a torn one', async () => {
    const file = join(dir, 'crash', 'state.json');
    for (let round = 0; round < 3; round++) {
      const lastReported = await runAndKill(file, 2 + round);
      const state = JSON.parse(readFileSync(file, 'utf8')) as { seq: number; approvals: unknown[] };
      expect(state.approvals).toHaveLength(4_000);
      // Never older than the last write the writer reported finished (a later one may have landed unreported).
      expect(state.seq).toBeGreaterThanOrEqual(lastReported);
    }
    // Leftover temporary files are ignored by the loader.
    expect(readdirSync(join(dir, 'crash')).filter((f) => f !== 'state.json').every((f) => f.endsWith('.tmp'))).toBe(true);
    expect(loadSnapshot(file)).toMatchObject({ version: 1 });
  }, 30_000);

  it('debounces a burst of changes into one write and flushes on demand', async () => {
    const file = join(dir, 'debounced.json');
    let serializations = 0;
    let value = 0;
    const writer = new SnapshotWriter(file, () => {
      serializations++;
      return JSON.stringify({ version: 1, value });
    }, (e) => {
      throw e;
    }, 50);
    for (value = 1; value <= 100; value++) writer.schedule();
    value = 100;
    await new Promise((r) => setTimeout(r, 150));
    expect(serializations).toBe(1);
    expect(loadSnapshot(file)).toEqual({ version: 1, value: 100 });
    value = 101;
    writer.schedule();
    await writer.flush();
    expect(loadSnapshot(file)).toEqual({ version: 1, value: 101 });
    expect(existsSync(file)).toBe(true);
  });

  it('a corrupt state file is reported, not silently replaced', async () => {
    const file = join(dir, 'corrupt.json');
    await writeFile(file, '{"version":1,"appro');
    expect(() => loadSnapshot(file)).toThrow();
  });
});
