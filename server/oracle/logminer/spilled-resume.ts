import type { Scn } from '../../model/scn';
import type { SpillFile, SpillStore } from './spill-store';
import { TableCache } from './table-cache';
import type { BufferedTransaction } from './transaction-buffer';
import type { SpilledResume, SpilledTransactionRef } from './types';

/**
 * Large transactions survive a restart without their redo being mined again. A position restarts
 * at the first row of the oldest transaction still open — for a batch job open two hours, two
 * hours of redo:
 *   { restartScn: 5000100, lastCommitScn: 5093000, lastXid: "0B00…" }
 * When every transaction that holds it back is spilled to disk, the position also names their
 * files and the later point mining can start from while those files are here:
 *   spilled: { restartScn: 5092990, transactions: [{ xid: "0A00…", file: "ora2kafka-tx-4242-1-1.jsonl",
 *              rows: 812000, startScn: 5000100, startTimeMs: …, userName: "BATCH" }] }
 * On resume each file is adopted — its first `rows` lines, without those at or above 5092990,
 * which mining reads again with the rest of the transaction and its COMMIT — and mining starts
 * at 5092990. If any file is missing or short (another machine took the task over, a crash lost
 * an unflushed tail), mining starts at the plain restartScn, as without spilling.
 */

/** A spilled transaction a position may carry instead of restarting at its first row. */
export interface SpilledCandidate {
  xid: string;
  startScn: Scn;
  startTimeMs: number;
  firstRowScn: Scn;
  userName: string | null;
  spill: SpillFile;
}

/**
 * The `spilled` part of the positions computed at one moment (a batch can hand out thousands,
 * with many spilled transactions open): files are flushed once, so the lines counted are on disk
 * before a position can be checkpointed, and positions that need the same files share one list.
 */
/**
 * At most this many files per position: the checkpoint travels in every Kafka transaction. With
 * more spilled transactions open, the restart stops at the first row of the oldest one not named.
 */
export const MAX_NAMED_SPILLS = 100;

export class SpilledRefs {
  private readonly refs: (SpilledTransactionRef & { firstRowScn: Scn })[];
  /** Shared lists by how many refs (oldest first) a position needs. */
  private readonly lists = new Map<number, SpilledTransactionRef[]>();

  constructor(candidates: Iterable<SpilledCandidate>) {
    this.refs = [];
    for (const t of candidates) {
      t.spill.flush();
      this.refs.push({ xid: t.xid, file: t.spill.name, rows: t.spill.count, startScn: t.startScn, startTimeMs: t.startTimeMs, userName: t.userName, firstRowScn: t.firstRowScn });
    }
    this.refs.sort((a, b) => (a.firstRowScn < b.firstRowScn ? -1 : a.firstRowScn > b.firstRowScn ? 1 : 0));
  }

  /**
   * The later restart point `fastScn` (the position's restart ignoring the spilled candidates)
   * with the files it needs, or null when it gains nothing. Candidates whose first row is at or
   * above it are mined again whole.
   */
  forRestart(safeScn: Scn, fastScn: Scn): SpilledResume | null {
    let k = 0;
    while (k < this.refs.length && this.refs[k]!.firstRowScn < fastScn) k++;
    if (k > MAX_NAMED_SPILLS) {
      k = MAX_NAMED_SPILLS;
      fastScn = this.refs[k]!.firstRowScn;
    }
    if (k === 0 || fastScn <= safeScn) return null;
    let transactions = this.lists.get(k);
    if (!transactions) {
      transactions = this.refs.slice(0, k).map(({ firstRowScn: _first, ...ref }) => ref);
      this.lists.set(k, transactions);
    }
    return { restartScn: fastScn, transactions };
  }
}

/**
 * Adopts every file the position names, as open transactions holding their rows below its
 * restart SCN; null (and no file kept) when any of them cannot be adopted.
 */
export async function adoptSpilled(store: SpillStore, resume: SpilledResume): Promise<BufferedTransaction[] | null> {
  const out: BufferedTransaction[] = [];
  for (const ref of resume.transactions) {
    const tx: BufferedTransaction = { xid: ref.xid, startScn: ref.startScn, startTimeMs: ref.startTimeMs, firstRowScn: null, userName: ref.userName, count: 0, rows: null, spill: null, rollbackRows: 0, tables: new Set() };
    tx.spill = await store.adopt(ref.file, ref.xid, ref.rows, resume.restartScn, (row) => {
      tx.firstRowScn ??= row.scn;
      tx.count++;
      if (row.rollback === 1) tx.rollbackRows++;
      if (row.segOwner !== null && row.tableName !== null) tx.tables.add(TableCache.key(row.segOwner, row.tableName));
    });
    if (tx.spill === null) {
      for (const t of out) t.spill!.remove();
      return null;
    }
    out.push(tx);
  }
  return out;
}

/** File names a position's spilled transactions live in (kept when a store cleans its folder). */
export function spilledFiles(resume: SpilledResume | undefined): Set<string> {
  return new Set((resume?.transactions ?? []).map((t) => t.file));
}
