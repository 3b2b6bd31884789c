import { getDb } from '../store/db';
import { engineHostInstalled } from './console-host';
import { engineHostMode } from './engine-host';

/**
 * GET /api/ready: the metadata database answers a query (within 2 s) and this process runs the
 * engine host (the embedded engine, or in cluster mode the workers' control plane). Only a yes or
 * no leaves the process — never why, so nothing about the set-up leaks.
 */
export async function readiness(timeoutMs = 2000): Promise<boolean> {
  if (!engineHostInstalled() && engineHostMode() === null) return false;
  try {
    const db = await getDb();
    await Promise.race([db.task.count({ take: 1 }), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return true;
  } catch {
    return false;
  }
}
