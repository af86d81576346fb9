// `npm run sandbox`: the sandbox alone (SANDBOX.md, "Starting it").
import { startSandbox } from './server';

const sandbox = await startSandbox();
console.log(`Sparados sandbox listening on ${sandbox.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
