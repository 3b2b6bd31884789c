import type { Scn } from '../../model/scn';
import { isOra2KafkaError } from '../../model/errors';
import type { LogMinerRow, OracleGateway } from '../gateway';
import { CsfJoiner } from './csf-joiner';
import { ddlEvent } from './event-builder';
import { RowDeduplicator } from './row-dedup';
import { SpillStore, type SpillFile } from './spill-store';
import { TableCache, resolveTableFromGateway, type ResolveTable } from './table-cache';
import { TransactionBuffer } from './transaction-buffer';
import { compareCommit, finishTransaction, isAfterPosition, type FinisherCounters } from './transaction-finisher';
import { DEFAULT_WINDOW_SIZES, type BufferStats, type CommittedTransaction, type MiningPosition, type MiningStats, type WindowSizes } from './types';
import { WindowPlanner } from './window-planner';

/**
 * The mining loop: one SCN window per `next()` call —
 *   logFilesFor(window) → mine(window) → join CSF pieces → drop overlap re-reads → per row:
 *   START opens, DML/LOB rows buffer, ROLLBACK drops, DDL leaves at once, COMMIT hands the
 *   transaction to the finisher → transactions sorted by (commit SCN, XID), each with its position.
 * Nothing is changed before a window's rows are in hand, so a failed mine() (log switch, lost
 * connection) is retried in place; a failure while processing rows marks the stream failed — the
 * engine recreates it from its last checkpointed position.
 */

export interface LogMinerStreamOptions {
  /** First SCN to mine (inclusive). Ignored when `resume` is given. */
  startScn?: Scn;
  /** Emit only transactions committing after this SCN (the snapshot SCN of the hand-off). */
  emitAfterCommitScn?: Scn | null;
  /** Owners whose changes are read; control rows of every transaction are read regardless. */
  owners: string[];
  /** Narrow DML to these tables (DDL of the owners is always emitted). */
  tables?: { owner: string; table: string }[];
  /** Table definitions for typing values; default: gateway.describeTable (missing table → skipped rows). */
  resolveTable?: ResolveTable;
  windowSizes?: Partial<WindowSizes>;
  spillDir: string;
  /** Rows a transaction may hold in memory before it spills to disk (default 10,000). */
  maxEventsInMemoryPerTx?: number;
  /** Wait when mining has caught up (default 1000 ms). */
  pollIntervalMs?: number;
  /** Resume from a checkpoint instead of startScn/emitAfterCommitScn. */
  resume?: MiningPosition;
  /** Only mine SCNs that were current at least this long ago, so LGWR has flushed their redo (default 5000 for oracledb, 0 for the simulator). */
  redoFlushLagMs?: number;
  /** Re-read this many SCNs below each window start; re-read rows are dropped by RS_ID+SSN (default 0). */
  windowOverlapScns?: bigint;
  /** Retries of one window on retriable errors (ORA-00310/01291 after a log switch, lost connection). Default 3. */
  maxWindowRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LogMinerStream {
  /**
   * Mines the next window and returns the transactions that committed in it, in (commit SCN, XID)
   * order ([] when caught up, after waiting pollIntervalMs). Consume a batch (including spilled
   * transactions' `iterate()`) before calling next() again: spill files of the previous batch are
   * deleted then.
   */
  next(): Promise<CommittedTransaction[]>;
  /** Position after everything returned so far; checkpoint it only when all of it is acknowledged. */
  position(): MiningPosition;
  bufferStats(): BufferStats;
  stats(): MiningStats;
  close(): Promise<void>;
  [Symbol.asyncIterator](): AsyncIterator<CommittedTransaction>;
}

const DML_OR_LOB = new Set([1, 2, 3, 9, 10, 11, 29]);
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createLogMinerStream(gateway: OracleGateway, opts: LogMinerStreamOptions): LogMinerStream {
  return new MinerStream(gateway, opts);
}

class MinerStream implements LogMinerStream {
  private readonly planner: WindowPlanner;
  private readonly buffer: TransactionBuffer;
  private readonly cache: TableCache;
  private readonly csf = new CsfJoiner();
  private readonly dedup = new RowDeduplicator();
  private readonly skipUntil: Pick<MiningPosition, 'lastCommitScn' | 'lastXid'>;
  private readonly owners: Set<string>;
  private readonly tables: Set<string> | null;
  private readonly lagMs: number;
  private readonly overlap: bigint;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly firstScn: Scn;
  private last: { commitScn: Scn | null; xid: string | null };
  private samples: { atMs: number; scn: Scn }[] = [];
  /** Spill files of the transactions returned by the previous next(), deleted at the following one. */
  private handedOut: SpillFile[] = [];
  private failed: unknown = null;
  private closed = false;
  private readonly counters: FinisherCounters & { windowsMined: number; rowsMined: number; unsupportedRows: number; transactionsEmitted: number } = {
    unknownTableRows: 0,
    unmatchedRollbacks: 0,
    windowsMined: 0,
    rowsMined: 0,
    unsupportedRows: 0,
    transactionsEmitted: 0,
  };
  private lastWindow: { fromScn: Scn; toScn: Scn } | null = null;

  constructor(
    private readonly gateway: OracleGateway,
    private readonly opts: LogMinerStreamOptions,
  ) {
    const start = opts.resume?.restartScn ?? opts.startScn;
    if (start === undefined) throw new RangeError('createLogMinerStream needs startScn or resume');
    this.firstScn = start;
    this.planner = new WindowPlanner({ ...DEFAULT_WINDOW_SIZES, ...opts.windowSizes }, start);
    this.buffer = new TransactionBuffer(new SpillStore(opts.spillDir), opts.maxEventsInMemoryPerTx ?? 10_000);
    this.cache = new TableCache(opts.resolveTable ?? resolveTableFromGateway(gateway));
    this.skipUntil = opts.resume
      ? { lastCommitScn: opts.resume.lastCommitScn, lastXid: opts.resume.lastXid }
      : { lastCommitScn: opts.emitAfterCommitScn ?? null, lastXid: null };
    this.last = { commitScn: this.skipUntil.lastCommitScn, xid: this.skipUntil.lastXid };
    this.owners = new Set(opts.owners);
    this.tables = opts.tables ? new Set(opts.tables.map((t) => TableCache.key(t.owner, t.table))) : null;
    this.lagMs = opts.redoFlushLagMs ?? (gateway.kind === 'oracledb' ? 5000 : 0);
    this.overlap = opts.windowOverlapScns ?? 0n;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  async next(): Promise<CommittedTransaction[]> {
    if (this.closed) throw new Error('LogMiner stream is closed');
    if (this.failed) throw this.failed;
    this.releasePrevious();
    const upper = await this.upperBound();
    const window = this.planner.plan(upper);
    if (!window) {
      await this.sleep(this.opts.pollIntervalMs ?? 1000);
      return [];
    }
    const mineFrom = window.fromScn - this.overlap > this.firstScn ? window.fromScn - this.overlap : this.firstScn;
    const rows = await this.mineWithRetry(mineFrom, window.toScn);
    let batch: CommittedTransaction[];
    try {
      batch = await this.process(this.overlap > 0n ? this.dedup.filter(rows, window.toScn, window.toScn - this.overlap) : rows);
    } catch (err) {
      this.failed = err;
      throw err;
    }
    this.planner.complete(window, upper);
    this.lastWindow = window;
    this.counters.windowsMined++;
    this.counters.rowsMined += rows.length;
    this.counters.transactionsEmitted += batch.length;
    return batch;
  }

  /** Exclusive upper bound: current SCN + 1, or the SCN current `lagMs` ago. */
  private async upperBound(): Promise<Scn> {
    const now = Date.now();
    const scn = await this.gateway.currentScn();
    if (this.lagMs <= 0) return scn + 1n;
    this.samples.push({ atMs: now, scn });
    let best: Scn | null = null;
    while (this.samples.length > 0 && this.samples[0]!.atMs <= now - this.lagMs) best = this.samples.shift()!.scn;
    if (best !== null) this.samples.unshift({ atMs: now - this.lagMs, scn: best });
    return best === null ? this.planner.nextFrom : best + 1n;
  }

  private async mineWithRetry(fromScn: Scn, toScn: Scn): Promise<LogMinerRow[]> {
    const max = this.opts.maxWindowRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const logFiles = await this.gateway.logFilesFor(fromScn, toScn);
        return await this.gateway.mine({ fromScn, toScn, logFiles, owners: [...this.owners] });
      } catch (err) {
        if (!isOra2KafkaError(err) || !err.retriable || attempt >= max) throw err;
        if (err.code === 'ORA-04036') this.planner.shrink();
        await this.sleep(Math.min(2000, 100 * 2 ** attempt));
      }
    }
  }

  private selected(row: LogMinerRow): boolean {
    if (!row.segOwner || !this.owners.has(row.segOwner)) return false;
    return this.tables === null || (row.tableName !== null && this.tables.has(TableCache.key(row.segOwner, row.tableName)));
  }

  private async process(rows: LogMinerRow[]): Promise<CommittedTransaction[]> {
    const done: Omit<CommittedTransaction, 'position'>[] = [];
    const firstRowScn = new Map<Omit<CommittedTransaction, 'position'>, Scn>();
    for (const raw of rows) {
      const row = this.csf.push(raw);
      if (!row) continue;
      const op = row.operationCode;
      if (op === 6) this.buffer.start(row);
      else if (op === 36) this.buffer.rollback(row.xid);
      else if (op === 7) {
        const btx = this.buffer.commit(row.xid);
        if (!btx || btx.count === 0) continue;
        const key = { commitScn: row.commitScn ?? row.scn, xid: row.xid };
        if (!isAfterPosition(key, this.skipUntil)) {
          btx.spill?.remove();
          continue;
        }
        const tx = await finishTransaction(btx, row, this.cache, this.counters);
        if (!tx) btx.spill?.remove();
        else {
          if (btx.spill) this.handedOut.push(btx.spill);
          done.push(tx);
          firstRowScn.set(tx, btx.firstRowScn ?? btx.startScn);
        }
      } else if (op === 5) {
        if (!row.segOwner || !this.owners.has(row.segOwner)) continue;
        this.cache.invalidateOwner(row.segOwner);
        if (!isAfterPosition({ commitScn: row.scn, xid: row.xid }, this.skipUntil)) continue;
        const e = ddlEvent(row);
        const tx = { xid: row.xid, startScn: row.scn, commitScn: row.scn, commitTimeMs: row.timestampMs, userName: row.userName, eventCount: 1, spilled: false, events: [e], iterate: async function* () { yield e; } };
        done.push(tx);
        firstRowScn.set(tx, row.scn);
      } else if (op === 255) {
        if (this.selected(row)) this.counters.unsupportedRows++;
      } else if (DML_OR_LOB.has(op) && this.selected(row)) this.buffer.add(row);
    }
    done.sort(compareCommit);
    // Restart SCN after the i-th transaction: the first row of any transaction ordered after it
    // (later in this window, or still open), never above its own commit SCN.
    const openMin = this.buffer.oldestFirstRowScn();
    const out: CommittedTransaction[] = new Array(done.length);
    let suffixMin: Scn | null = openMin;
    for (let i = done.length - 1; i >= 0; i--) {
      const tx = done[i]!;
      let restart = tx.commitScn;
      if (suffixMin !== null && suffixMin < restart) restart = suffixMin;
      out[i] = { ...tx, position: { restartScn: restart, lastCommitScn: tx.commitScn, lastXid: tx.xid } };
      const f = firstRowScn.get(tx)!;
      if (suffixMin === null || f < suffixMin) suffixMin = f;
    }
    if (out.length > 0) {
      const lastTx = out[out.length - 1]!;
      this.last = { commitScn: lastTx.commitScn, xid: lastTx.xid };
    }
    return out;
  }

  position(): MiningPosition {
    const open = this.buffer.oldestFirstRowScn();
    const next = this.planner.nextFrom;
    return { restartScn: open !== null && open < next ? open : next, lastCommitScn: this.last.commitScn, lastXid: this.last.xid };
  }

  bufferStats(): BufferStats {
    return this.buffer.stats();
  }

  stats(): MiningStats {
    const { windowsMined, rowsMined, unsupportedRows, unmatchedRollbacks, unknownTableRows, transactionsEmitted } = this.counters;
    return { ...this.buffer.stats(), windowsMined, rowsMined, unsupportedRows, unmatchedRollbacks, unknownTableRows, transactionsEmitted, lastWindow: this.lastWindow, windowSize: this.planner.windowSize };
  }

  private releasePrevious(): void {
    for (const f of this.handedOut) f.remove();
    this.handedOut = [];
  }

  async close(): Promise<void> {
    this.closed = true;
    this.releasePrevious();
    this.buffer.clear();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<CommittedTransaction> {
    while (!this.closed) for (const tx of await this.next()) yield tx;
  }
}
