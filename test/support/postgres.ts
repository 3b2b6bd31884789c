import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase } from '../../scripts/postgres/postgres.mjs';

/**
 * An empty PostgreSQL database of its own for a test file, on the run's throwaway server (started by
 * test/integration/global-setup.ts): `DATABASE_URL=await freshPostgresDatabase('cluster')`.
 */
export async function freshPostgresDatabase(prefix: string): Promise<string> {
  const name = `o2k_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return createDatabase(inject('postgres'), name);
}
