// Child process of scripts/db/embedded.int.test.ts: runs N queries at once against DATABASE_URL, each
// a small transaction, and prints what it saw as JSON.
import pg from 'pg';

const [url, countText, label] = process.argv.slice(2);
const count = Number(countText);
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.POOL_SIZE ?? 10) });

async function one(i: number): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO probe (label, n) VALUES ($1, $2)', [label, i]);
    const { rows } = await client.query<{ doubled: number; mine: string }>(
      'SELECT $1::int * 2 AS doubled, (SELECT count(*) FROM probe WHERE label = $2 AND n = $1)::text AS mine',
      [i, label],
    );
    await client.query('COMMIT');
    return rows[0]?.doubled === i * 2 && rows[0]?.mine === '1';
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => one(i)));
await pool.end();
const correct = results.filter((r) => r.status === 'fulfilled' && r.value).length;
const errors = results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message)] : []));
process.stdout.write(`${JSON.stringify({ label, correct, errors: errors.slice(0, 5) })}\n`);
