import type { Scn } from '../../model/scn';
import type { DroppedXid } from './types';

/**
 * Transactions an operator (or, later, a retention rule) dropped while they were open: their
 * buffered rows are gone, and every later row of theirs — their COMMIT too — must be ignored,
 * also after a restart that re-mines redo they wrote. So the stream keeps them here and in its
 * position until mining has passed their end:
 *
 *   drop 0A001F00D3040000 (open)          → { xid, endScn: null }   kept in every position
 *   its COMMIT at SCN 5013020 is mined    → { xid, endScn: 5013020 } kept while restartScn <= 5013020
 *   the position's restartScn > 5013020   → forgotten (a restart can no longer read any of its rows)
 */
export class DroppedTransactions {
  private readonly byXid = new Map<string, Scn | null>();

  constructor(initial: readonly DroppedXid[] = []) {
    for (const d of initial) this.byXid.set(d.xid, d.endScn);
  }

  has(xid: string): boolean {
    return this.byXid.has(xid);
  }

  add(xid: string): void {
    if (!this.byXid.has(xid)) this.byXid.set(xid, null);
  }

  /** Its COMMIT or ROLLBACK was mined: no row of it lies above `scn`. */
  ended(xid: string, scn: Scn): void {
    if (this.byXid.has(xid)) this.byXid.set(xid, scn);
  }

  get size(): number {
    return this.byXid.size;
  }

  /** What a position restarting at `restartScn` must carry; entries no restart can meet again are forgotten. */
  forPosition(restartScn: Scn): DroppedXid[] {
    const out: DroppedXid[] = [];
    for (const [xid, endScn] of this.byXid) {
      if (endScn !== null && endScn < restartScn) continue;
      out.push({ xid, endScn });
    }
    return out;
  }

  /** Forgets entries ended below `restartScn` (called with the position checkpointed last). */
  prune(restartScn: Scn): void {
    for (const [xid, endScn] of this.byXid) if (endScn !== null && endScn < restartScn) this.byXid.delete(xid);
  }
}
