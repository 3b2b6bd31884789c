import { getDb } from './db';
import { metadataDatabase } from './database-url';

/**
 * The metadata store's clock, the one clock every machine of a cluster shares. Workers stamp their
 * heartbeats with it and the console judges them alive by it, so a worker (or console) whose own
 * clock is minutes off is neither taken for dead while it runs tasks nor kept alive after its
 * session ended:
 *
 *   await storeNowMs()   → 1796650203120   PostgreSQL: its clock_timestamp();
 *                                          SQLite: this machine's (the only one that opens the file)
 */
export async function storeNowMs(): Promise<number> {
  if (metadataDatabase().provider === 'sqlite') return Date.now();
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<{ ms: number | string }[]>('SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS double precision) AS ms');
  return Math.round(Number(row!.ms));
}
