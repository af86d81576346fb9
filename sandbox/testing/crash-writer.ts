// Test helper process: writes ever-changing snapshots to a file until it is killed (see persistence.test.ts).
import { writeSnapshotAtomic } from '../store/persistence';

const file = process.argv[2];
const filler = 'x'.repeat(1_000);
for (let seq = 1; ; seq++) {
  // Big enough (≈ 4 MB) that a kill lands in the middle of a write most of the time.
  const approvals = Array.from({ length: 4_000 }, (_, i) => ({ id: `${seq}-${i}`, filler }));
  await writeSnapshotAtomic(file, JSON.stringify({ version: 1, seq, approvals }));
  process.stdout.write(`wrote ${seq}\n`);
}
