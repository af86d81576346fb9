// Runs after `npm install`: generates the Prisma client and readies the offline (Wasm) schema engine.
// Prisma's CLI would download a native engine; `generate` never runs it, so any existing file satisfies it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function prepareWasmEngine() {
  // @prisma/internals looks for the schema engine's wasm file in its own build folder.
  const internalsDir = dirname(dirname(require.resolve('@prisma/internals')));
  const target = join(internalsDir, 'build', 'schema_engine_bg.wasm');
  if (existsSync(target)) return;
  const engineDir = dirname(require.resolve('@prisma/schema-engine-wasm', { paths: [internalsDir] }));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(engineDir, 'schema_engine_bg.wasm'), target);
}

function generateClient() {
  const prismaBin = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  const result = spawnSync(process.execPath, [prismaBin, 'generate'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (existsSync('prisma/schema.prisma')) {
  prepareWasmEngine();
  generateClient();
}
