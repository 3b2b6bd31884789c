import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ColumnValue } from '../../model/oracle-types';
import { MemoryCheckpointStore, type CheckpointStore } from './checkpoint-store';
import type { FullPosition, IncrementalPosition } from './positions';
import { decodeKey, encodeKey } from './value-codec';

// A private SQLite file for the Prisma store.
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-ckpt-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

describe('value codec', () => {
  it('round-trips every value shape through JSON', () => {
    const key: ColumnValue[] = ['7', 'a,b', 1.5, NaN, -Infinity, new Uint8Array([0, 255, 7]), { year: 2024, month: 2, day: 29, hour: 13, minute: 1, second: 2, nanos: 5, tz: '+08:00' }, null];
    const back = decodeKey(JSON.parse(JSON.stringify(encodeKey(key))));
    expect(back).toEqual(key);
    expect(back![5]).toBeInstanceOf(Uint8Array);
    expect(decodeKey(null)).toBeNull();
  });
});

const full: FullPosition = {
  snapshotScn: '18446744073709551617', // beyond 2^64: SCNs never pass through number
  miningStartScn: '5012001',
  tables: { 'HR.EMP': { lastKey: encodeKey(['107']), rows: 107, done: false } },
};
const inc: IncrementalPosition = { restartScn: '5012001', lastCommitScn: '5013000', lastXid: '0A001F00D3040000', partial: { commitScn: '5013020', xid: '0B0002000A010000', seq: 2 } };

async function contract(store: CheckpointStore, taskId: string) {
  expect(await store.load(taskId, 'full')).toBeNull();
  await store.save(taskId, 'full', full);
  await store.save(taskId, 'incremental', inc);
  expect(await store.load(taskId, 'full')).toEqual(full);
  await store.save(taskId, 'incremental', { ...inc, partial: null });
  expect((await store.load(taskId, 'incremental'))?.partial).toBeNull();
  await store.clear(taskId);
  expect(await store.load(taskId, 'incremental')).toBeNull();
}

describe('MemoryCheckpointStore', () => {
  it('loads what was saved, per task and phase', async () => {
    const s = new MemoryCheckpointStore();
    await contract(s, 't1');
    expect(s.history.map((h) => h.phase)).toEqual(['full', 'incremental', 'incremental']);
  });
});

describe('PrismaCheckpointStore', () => {
  it('loads what was saved, per task and phase (SQLite)', async () => {
    const { getDb } = await import('../../store/db');
    const { PrismaCheckpointStore } = await import('./prisma-checkpoint-store');
    const db = await getDb();
    await db.task.create({ data: { id: 'ckpt-task', name: 'ckpt', config: '{}' } });
    await contract(new PrismaCheckpointStore(getDb), 'ckpt-task');
  });
});
