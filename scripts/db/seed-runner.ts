import { seedDemoData } from '../../prisma/seed';
import { createScriptClient } from './client';

export async function runSeed(url: string, options: { force?: boolean; onlyIfEmpty?: boolean } = {}): Promise<boolean> {
  const db = createScriptClient(url);
  try {
    if (options.onlyIfEmpty && (await db.adminUser.count()) > 0) return false;
    await seedDemoData(db, { databaseUrl: url, ...(options.force ? { allowProduction: true } : {}) });
    return true;
  } finally {
    await db.$disconnect();
  }
}
