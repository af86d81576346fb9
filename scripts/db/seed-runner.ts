import { seedDemoData } from '../../prisma/seed';
import { createScriptClient } from './client';

export async function runSeed(url: string, options: { force?: boolean; onlyIfEmpty?: boolean } = {}): Promise<boolean> {
  const db = createScriptClient(url);
  try {
    if (options.onlyIfEmpty && (await db.adminUser.count()) > 0) return false;
    if (options.force) process.env.ALLOW_PRODUCTION_SEED = 'true';
    await seedDemoData(db);
    return true;
  } finally {
    await db.$disconnect();
  }
}
