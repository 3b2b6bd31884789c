import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { checkpointStoreContract } from '../../test/support/engine/checkpoint-store-contract';

// A private SQLite file for the Prisma store.
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-ckpt-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

describe('PrismaCheckpointStore', () => {
  it('loads what was saved, per task and phase (SQLite)', async () => {
    const { getDb } = await import('../store/db');
    const { PrismaCheckpointStore } = await import('./prisma-checkpoint-store');
    const db = await getDb();
    await db.task.create({ data: { id: 'ckpt-task', name: 'ckpt', config: '{}' } });
    await checkpointStoreContract(new PrismaCheckpointStore(getDb), 'ckpt-task');
  });
});
