import type { Scn } from '../../model/scn';
import type { LogMinerRow } from '../gateway';
import type { SpillFile, SpillStore } from './spill-store';
import { TableCache } from './table-cache';
import type { BufferStats, OpenTransactionInfo } from './types';

/**
 * Uncommitted change rows per XID, until COMMIT (7) hands them on or ROLLBACK (36) drops them:
 *   START  0A00…  scn 100        → open (startScn 100)
 *   INSERT 0A00…  scn 101 R1     → rows [#0]
 *   UPDATE 0A00…  scn 102 R1 ROLLBACK=1 → rows [#0, #1]  (kept as a marker; resolved at commit)
 *   COMMIT 0A00…  scn 103        → BufferedTransaction { rows: [#0, #1], rollbackRows: 1, tables: {HR.EMP} }
 * A transaction that reaches `maxEventsInMemory` rows moves them to a spill file and keeps only
 * counts; later rows go straight to the file. A transaction first seen by a change row (its START
 * lies before the mining start) is opened lazily.
 */

export interface BufferedTransaction {
  xid: string;
  startScn: Scn;
  startTimeMs: number;
  /** SCN of the first change row (not START): the lowest SCN a restart must re-read for it. */
  firstRowScn: Scn | null;
  userName: string | null;
  count: number;
  /** In memory rows; null once spilled. */
  rows: LogMinerRow[] | null;
  spill: SpillFile | null;
  /** ROLLBACK=1 rows seen (partial rollbacks to resolve at commit). */
  rollbackRows: number;
  /** Tables the rows name (TableCache keys), so their definitions can be fetched before the rows are read back. */
  tables: Set<string>;
}

export class TransactionBuffer {
  private readonly open = new Map<string, BufferedTransaction>();

  constructor(
    private readonly spill: SpillStore,
    private readonly maxEventsInMemory: number,
  ) {
    if (!(maxEventsInMemory >= 1)) throw new RangeError('maxEventsInMemoryPerTx must be at least 1');
  }

  private openTx(row: LogMinerRow): BufferedTransaction {
    let tx = this.open.get(row.xid);
    if (!tx) {
      tx = { xid: row.xid, startScn: row.scn, startTimeMs: row.timestampMs, firstRowScn: null, userName: row.userName, count: 0, rows: [], spill: null, rollbackRows: 0, tables: new Set() };
      this.open.set(row.xid, tx);
    }
    return tx;
  }

  start(row: LogMinerRow): void {
    this.openTx(row);
  }

  /** A change row (DML, LOB operation) of an open or not yet seen transaction. */
  add(row: LogMinerRow): void {
    const tx = this.openTx(row);
    tx.firstRowScn ??= row.scn;
    tx.userName ??= row.userName;
    if (row.rollback === 1) tx.rollbackRows++;
    if (row.segOwner !== null && row.tableName !== null) tx.tables.add(TableCache.key(row.segOwner, row.tableName));
    tx.count++;
    if (tx.rows) {
      tx.rows.push(row);
      if (tx.rows.length >= this.maxEventsInMemory) this.toDisk(tx);
    } else tx.spill!.append(row);
  }

  private toDisk(tx: BufferedTransaction): void {
    const file = this.spill.create(tx.xid);
    for (const r of tx.rows!) file.append(r);
    tx.rows = null;
    tx.spill = file;
  }

  /**
   * Moves open transactions that started before `startedBeforeMs` (database time) to disk, however
   * small: a checkpoint can then name their files instead of restarting at their first rows
   * (spilled-resume.ts), so one forgotten session does not make every restart re-read hours of redo.
   */
  spillOlderThan(startedBeforeMs: number): void {
    for (const tx of this.open.values()) if (tx.rows && tx.rows.length > 0 && tx.startTimeMs < startedBeforeMs) this.toDisk(tx);
  }

  /** ROLLBACK (36): the whole transaction is discarded. */
  rollback(xid: string): boolean {
    const tx = this.open.get(xid);
    if (!tx) return false;
    this.open.delete(xid);
    tx.spill?.remove();
    return true;
  }

  /** An operator's (or a retention rule's) drop: like ROLLBACK, but the rows' figures are returned first. */
  drop(xid: string): OpenTransactionInfo | null {
    const tx = this.open.get(xid);
    if (!tx) return null;
    const info = describe(tx);
    this.open.delete(xid);
    tx.spill?.remove();
    return info;
  }

  /** Open transactions holding changes of selected tables (the ones that hold the restart position back), oldest first. */
  list(): OpenTransactionInfo[] {
    return [...this.open.values()].filter((t) => t.count > 0).map(describe).sort((a, b) => (a.startScn < b.startScn ? -1 : a.startScn > b.startScn ? 1 : 0));
  }

  /** COMMIT (7): removes and returns the transaction (undefined when nothing was buffered for it). */
  commit(xid: string): BufferedTransaction | undefined {
    const tx = this.open.get(xid);
    if (tx) this.open.delete(xid);
    tx?.spill?.flush();
    return tx;
  }

  has(xid: string): boolean {
    return this.open.has(xid);
  }

  /** A spilled transaction taken over from a checkpoint (spilled-resume.ts); later rows append to its file. */
  restore(tx: BufferedTransaction): void {
    this.open.set(tx.xid, tx);
  }

  /** Lowest first-change SCN among open transactions (those with changes; only unspilled ones if asked), or null. */
  oldestFirstRowScn(unspilledOnly = false): Scn | null {
    let min: Scn | null = null;
    for (const tx of this.open.values()) {
      if (unspilledOnly && tx.spill) continue;
      if (tx.firstRowScn !== null && (min === null || tx.firstRowScn < min)) min = tx.firstRowScn;
    }
    return min;
  }

  transactions(): IterableIterator<BufferedTransaction> {
    return this.open.values();
  }

  stats(): BufferStats {
    let bufferedEvents = 0;
    let spilledTransactions = 0;
    let spilledBytes = 0;
    let oldestOpenScn: Scn | null = null;
    for (const tx of this.open.values()) {
      bufferedEvents += tx.count;
      if (tx.spill) {
        spilledTransactions++;
        spilledBytes += tx.spill.bytes;
      }
      if (oldestOpenScn === null || tx.startScn < oldestOpenScn) oldestOpenScn = tx.startScn;
    }
    return { openTransactions: this.open.size, bufferedEvents, spilledTransactions, spilledBytes, oldestOpenScn };
  }

  /** Drops everything (stream closed). Spill files stay, complete, for a checkpoint that names them. */
  clear(): void {
    for (const tx of this.open.values()) tx.spill?.flush();
    this.open.clear();
  }
}

/** Rough size of an in-memory row: its SQL_REDO text plus the row object. */
const ROW_BYTES = 200;

function describe(tx: BufferedTransaction): OpenTransactionInfo {
  const bytes = tx.spill ? tx.spill.bytes : (tx.rows ?? []).reduce((n, r) => n + ROW_BYTES + (r.sqlRedo?.length ?? 0) * 2, 0);
  return { xid: tx.xid, startScn: tx.startScn, startTimeMs: tx.startTimeMs, firstRowScn: tx.firstRowScn, userName: tx.userName, rows: tx.count, bytes, spilled: tx.spill !== null, tables: [...tx.tables].map((k) => k.replace('\u0000', '.')) };
}
