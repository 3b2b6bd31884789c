import type { CommitTarget, PendingRecord, TaskCheckpoint } from '../../../server/model/pending-record';

/**
 * A CommitTarget in memory with Kafka's all-or-nothing transaction semantics, for engine tests:
 * `committed` holds only the records of transactions that committed, `checkpoint` the last
 * committed checkpoint; `failNext(err)` makes a commit fail with nothing applied (as an aborted
 * transaction), and `delayMs` simulates round trips.
 */
export class MemoryTarget implements CommitTarget {
  readonly committed: PendingRecord[] = [];
  readonly transactions: { records: number; checkpoint: TaskCheckpoint }[] = [];
  checkpoint: TaskCheckpoint | null = null;
  delayMs = 0;
  private failures: Error[] = [];

  failNext(err: Error): void {
    this.failures.push(err);
  }

  async commit(records: readonly PendingRecord[], checkpoint: TaskCheckpoint): Promise<void> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const f = this.failures.shift();
    if (f) throw f;
    this.committed.push(...records);
    this.checkpoint = JSON.parse(JSON.stringify(checkpoint)) as TaskCheckpoint;
    this.transactions.push({ records: records.length, checkpoint: this.checkpoint });
  }
}
