import { expect } from 'vitest';
import type { CheckpointStore } from '../../../server/engine/checkpoint/checkpoint-store';
import type { FullPosition, IncrementalPosition } from '../../../server/model/checkpoint-positions';
import { encodeKey } from '../../../server/model/checkpoint-value-codec';

/** What every CheckpointStore must do (the in-memory one, the console's Prisma copy). */
const full: FullPosition = {
  snapshotScn: '18446744073709551617', // beyond 2^64: SCNs never pass through number
  miningStartScn: '5012001',
  tables: { 'HR.EMP': { lastKey: encodeKey(['107']), rows: 107, done: false } },
};
const inc: IncrementalPosition = { restartScn: '5012001', lastCommitScn: '5013000', lastXid: '0A001F00D3040000', partial: { commitScn: '5013020', xid: '0B0002000A010000', seq: 2 } };

export async function checkpointStoreContract(store: CheckpointStore, taskId: string): Promise<void> {
  expect(await store.load(taskId, 'full')).toBeNull();
  await store.save(taskId, 'full', full);
  await store.save(taskId, 'incremental', inc);
  expect(await store.load(taskId, 'full')).toEqual(full);
  await store.save(taskId, 'incremental', { ...inc, partial: null });
  expect((await store.load(taskId, 'incremental'))?.partial).toBeNull();
  await store.clear(taskId);
  expect(await store.load(taskId, 'incremental')).toBeNull();
}
