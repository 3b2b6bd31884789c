import { describe, expect, it } from 'vitest';
import { checkpointStoreContract } from '../../../test/support/engine/checkpoint-store-contract';
import { MemoryCheckpointStore } from './checkpoint-store';

describe('MemoryCheckpointStore', () => {
  it('loads what was saved, per task and phase', async () => {
    const s = new MemoryCheckpointStore();
    await checkpointStoreContract(s, 't1');
    expect(s.history.map((h) => h.phase)).toEqual(['full', 'incremental', 'incremental']);
  });
});
