import type { Scn } from '../../model/scn';
import type { LogMinerRow } from '../gateway';

/**
 * Drops rows already processed when a window is re-read from below its predecessor's end (the
 * optional overlap that guards against redo written late for SCNs just below the old upper bound).
 * A row is identified by RS_ID + SSN (+ SCN, XID and operation to be safe):
 *   ' 0x00002a.00000102.0010 ' / 0 / 5012345 / 0A001F00D3040000 / 3
 * Counts, not a set: two genuinely identical keys seen twice before are dropped at most twice.
 */
export class RowDeduplicator {
  private seen = new Map<string, number>();
  private seenScn = new Map<string, Scn>();
  /** End (exclusive) of the last window; rows below it are re-reads. */
  private highWater: Scn | null = null;

  static key(r: LogMinerRow): string {
    return `${r.rsId}|${r.ssn}|${r.scn}|${r.xid}|${r.operationCode}`;
  }

  /**
   * Rows of a window ending at `toScn` minus the ones processed before. `keepFromScn`: the lowest
   * SCN the next window may re-read (its start minus the overlap); older keys are forgotten.
   */
  filter(rows: LogMinerRow[], toScn: Scn, keepFromScn: Scn): LogMinerRow[] {
    const hw = this.highWater;
    const out: LogMinerRow[] = [];
    const consumed = new Map<string, number>();
    for (const r of rows) {
      if (hw !== null && r.scn < hw) {
        const k = RowDeduplicator.key(r);
        const left = (this.seen.get(k) ?? 0) - (consumed.get(k) ?? 0);
        if (left > 0) {
          consumed.set(k, (consumed.get(k) ?? 0) + 1);
          continue;
        }
      }
      out.push(r);
    }
    // Remember what the next window may re-read: rows at or above keepFromScn.
    const next = new Map<string, number>();
    const nextScn = new Map<string, Scn>();
    for (const [k, n] of this.seen) {
      const scn = this.seenScn.get(k)!;
      if (scn >= keepFromScn) {
        next.set(k, n);
        nextScn.set(k, scn);
      }
    }
    for (const r of out) {
      if (r.scn < keepFromScn) continue;
      const k = RowDeduplicator.key(r);
      next.set(k, (next.get(k) ?? 0) + 1);
      nextScn.set(k, r.scn);
    }
    this.seen = next;
    this.seenScn = nextScn;
    this.highWater = hw === null || toScn > hw ? toScn : hw;
    return out;
  }
}
