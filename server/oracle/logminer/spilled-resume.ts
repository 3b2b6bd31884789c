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
 * The later restart point `fastScn` (the position's restart ignoring the spilled candidates) with
 * the files it needs, or null when it gains nothing. Files are flushed so the lines counted are
 * on disk before the position can be checkpointed.
 */
export function spilledResume(safeScn: Scn, fastScn: Scn, candidates: Iterable<SpilledCandidate>): SpilledResume | null {
  if (fastScn <= safeScn) return null;
  const transactions: SpilledTransactionRef[] = [];
  for (const t of candidates) {
    if (t.firstRowScn >= fastScn) continue; // mined again whole from fastScn
    t.spill.flush();
    transactions.push({ xid: t.xid, file: t.spill.name, rows: t.spill.count, startScn: t.startScn, startTimeMs: t.startTimeMs, userName: t.userName });
  }
  return transactions.length > 0 ? { restartScn: fastScn, transactions } : null;
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
