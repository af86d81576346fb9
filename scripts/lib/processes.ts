import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

// Children started by `npm run dev` / `npm test`, each line of their output prefixed with a name,
// all stopped together on Ctrl-C or when one of them dies.

const COLORS = [36, 35, 33, 32, 34, 31];
const children = new Set<ChildProcess>();

export function prefixLines(name: string, index: number): (chunk: Buffer) => void {
  const tag = process.stdout.isTTY ? `\x1b[${COLORS[index % COLORS.length]}m[${name}]\x1b[0m` : `[${name}]`;
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) process.stdout.write(`${tag} ${line}\n`);
  };
}

export function startChild(name: string, index: number, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  const write = prefixLines(name, index);
  child.stdout?.on('data', write);
  child.stderr?.on('data', write);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Waits until a line of the child's output matches, or fails when it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${pattern}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolvePromise(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Process exited with code ${code} before printing ${pattern}`));
    });
  });
}

export async function stopChildren(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolvePromise) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
          const force = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolvePromise();
          });
          killGroup(child, 'SIGTERM');
        }),
    ),
  );
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole process group (tsx and next start grandchildren).
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
