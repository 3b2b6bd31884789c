import { describe, expect, it } from 'vitest';
import { realClock } from '../clock';
import { CommitPipeline, type CommittedBatch } from './commit-pipeline';
import { MemoryTarget } from '../../../test/support/engine/memory-target';
import type { PendingRecord, TaskCheckpoint } from '../../model/pending-record';

const rec = (i: number, bytes = 100, partition = 0): PendingRecord => ({ topic: 't', partition, key: Buffer.from(String(i)), value: Buffer.from(`v${i}`), bytes });

function setup(opts: { maxRecords?: number; lingerMs?: number; maxBufferedBytes?: number } = {}) {
  const target = new MemoryTarget();
  let position = 0;
  const checkpoint = (): TaskCheckpoint => ({ taskId: 't1', phase: 'full', schema: null, full: null, incremental: null, finished: [], nextRecordId: position, partitions: {}, writtenAtMs: 0 });
  const batches: CommittedBatch[] = [];
  const p = new CommitPipeline(target, checkpoint, (b) => batches.push(b), { clock: realClock, lingerMs: opts.lingerMs ?? 20, maxRecords: opts.maxRecords ?? 1000, maxBufferedBytes: opts.maxBufferedBytes });
  return { target, p, batches, setPosition: (n: number) => (position = n) };
}

describe('CommitPipeline', () => {
  it('commits each batch with the position taken at the same instant', async () => {
    const { target, p, setPosition } = setup({ maxRecords: 10 });
    for (let i = 1; i <= 95; i++) {
      await p.ready();
      p.append([rec(i)]);
      setPosition(i);
      if (i % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    await p.flush();
    expect(target.committed.map((r) => r.key!.toString())).toEqual(Array.from({ length: 95 }, (_, i) => String(i + 1)));
    // Every transaction's checkpoint equals the number of records committed up to and including it.
    let total = 0;
    for (const tx of target.transactions) {
      total += tx.records;
      expect(tx.checkpoint.nextRecordId).toBe(total);
    }
    await p.close();
  });

  it('commits a linger-aged batch without a flush', async () => {
    const { target, p } = setup({ lingerMs: 10 });
    p.append([rec(1)]);
    await new Promise((r) => setTimeout(r, 60));
    expect(target.committed).toHaveLength(1);
    await p.close();
  });

  it('commits a moved position without records on flush', async () => {
    const { target, p, setPosition } = setup();
    await p.flush();
    expect(target.transactions).toHaveLength(0);
    setPosition(42);
    p.markDirty();
    await p.flush();
    expect(target.transactions).toEqual([{ records: 0, checkpoint: expect.objectContaining({ nextRecordId: 42 }) }]);
    await p.close();
  });

  // A phase still running when its task is released (abandon) may flush once more on its way out:
  // with the commit loop gone, nothing would ever settle that flush, and the release never ended.
  it('a flush after abandon fails at once instead of waiting for a commit that cannot come', async () => {
    const { target, p, setPosition } = setup();
    p.append([rec(1)]);
    await p.abandon();
    setPosition(7);
    p.markDirty();
    await expect(p.flush()).rejects.toThrow('The commit pipeline was stopped: nothing more is committed.');
    expect(() => p.append([rec(2)])).toThrow('The commit pipeline was stopped: nothing more is committed.');
    await expect(p.ready()).rejects.toThrow('The commit pipeline was stopped');
    expect(target.committed).toEqual([]);
  });

  it('applies back-pressure while too many bytes are unacknowledged', async () => {
    const { target, p } = setup({ maxBufferedBytes: 500, lingerMs: 5 });
    target.delayMs = 30;
    p.append([rec(1, 300), rec(2, 300)]);
    let ready = false;
    const r = p.ready().then(() => (ready = true));
    await new Promise((res) => setTimeout(res, 10));
    expect(ready).toBe(false);
    await r;
    await p.close();
    expect(target.committed).toHaveLength(2);
  });

  it('stops at the first failed commit and nothing of that batch is visible', async () => {
    const { target, p } = setup();
    target.failNext(new Error('broker down'));
    p.append([rec(1), rec(2)]);
    await expect(p.flush()).rejects.toThrow('broker down');
    expect(target.committed).toHaveLength(0);
    expect(() => p.append([rec(3)])).toThrow('broker down');
    await expect(p.ready()).rejects.toThrow('broker down');
  });
});

