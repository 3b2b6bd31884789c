import type { Scn } from '../../model/scn';
import { isOra2KafkaError, OracleError } from '../../model/errors';
import { DictionaryMismatchError } from '../errors';
import type { LogMinerRow, OracleGateway, OwnerSelection } from '../gateway';
import { CsfJoiner } from './csf-joiner';
import { ddlEvent } from './event-builder';
import { SpillStore, type SpillFile } from './spill-store';
import { adoptSpilled, spilledFiles, SpilledRefs, type SpilledCandidate } from './spilled-resume';
import { TableCache, resolveTableFromGateway, type ResolveTable } from './table-cache';
import { TransactionBuffer } from './transaction-buffer';
import { compareCommit, finishTransaction, isAfterPosition, type FinisherCounters } from './transaction-finisher';
import { DEFAULT_WINDOW_SIZES, type BufferStats, type CommittedTransaction, type DroppedTransaction, type MiningPosition, type MiningStats, type OpenTransactionInfo, type WindowSizes } from './types';
import { DroppedTransactions } from './dropped-transactions';
import { LogSwitchCounter } from './log-switch-counter';
import { CHANGE_OPS, Op } from './operation-codes';
import { WindowPlanner } from './window-planner';

/**
 * The mining loop. One SCN window at a time —
 *   logFilesFor(window) → mine(window), a cursor read batch by batch → join CSF pieces → per row:
 *   START opens, DML/LOB rows buffer, ROLLBACK drops, DDL leaves at once, COMMIT hands the
 *   transaction to the finisher → transactions in (commit SCN, XID) order, each with its position.
 * The cursor is read only as fast as the engine takes transactions: `next()` returns as soon as
 * enough committed work is ready (`maxReadyEvents`), leaving the LogMiner session open mid-window,
 * so one bulk UPDATE of millions of rows under one SCN flows through the transaction buffer (which
 * spills it to disk) instead of sitting in memory. A failure before the first row of a window (log
 * switch ORA-00310, lost connection) is retried in place; a failure once rows were processed marks
 * the stream failed — the engine recreates it from its last checkpointed position.
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
  /** Owners every table of which is selected even when `tables` is given (whole-schema selections). */
  wholeSchemas?: string[];
  /** Table definitions for typing values; default: gateway.describeTable (missing table → skipped rows). */
  resolveTable?: ResolveTable;
  windowSizes?: Partial<WindowSizes>;
  spillDir: string;
  /** Rows a transaction may hold in memory before it spills to disk (default 10,000). */
  maxEventsInMemoryPerTx?: number;
  /**
   * Keep a handed-out transaction's spill file until `checkpointed()` reports a checkpoint at or
   * after it (default: delete it at the next `next()`). An earlier position, still the latest
   * checkpoint while the consumer writes, may name the file for a resume (spilled-resume.ts).
   */
  keepSpillsUntilCheckpointed?: boolean;
  /**
   * A transaction open longer than this (database time) spills to disk however small (default
   * 60 s), so positions can name its file instead of restarting at its first row.
   */
  spillOpenAfterMs?: number;
  /** In-memory events of committed transactions gathered before `next()` returns mid-window (default 20,000). */
  maxReadyEvents?: number;
  /** Longest wait when mining has caught up (default 1000 ms); waits start at an eighth of it and double while idle. */
  pollIntervalMs?: number;
  /** Resume from a checkpoint instead of startScn/emitAfterCommitScn. */
  resume?: MiningPosition;
  /** Retries of one window on retriable errors (ORA-00310/01291 after a log switch, lost connection). Default 3. */
  maxWindowRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Longest a LogMiner session stays open (default 10 minutes). A window's cursor can stay open
   * across many next() calls while Kafka is slow; the session's memory (PGA) grows with it, so it
   * is ended and a new one resumes just after the last row read.
   */
  sessionMaxMs?: number;
  /**
   * A row whose SQL_REDO cannot be parsed (or a value in it read): 'fail' (default) stops with
   * UnreadableRedoError naming SCN, XID, table, reason and SQL_REDO; 'skip' leaves the row out
   * and lists it in the transaction's `unreadable` (for a dead-letter topic).
   */
  unreadableRedo?: 'fail' | 'skip';
  /** Clock for session ages and window timings (default Date.now). */
  now?: () => number;
}

export interface LogMinerStream {
  /**
   * Returns the next transactions that committed, in (commit SCN, XID) order: at the end of a
   * window, or earlier when `maxReadyEvents` are ready ([] when a window held none; after waiting
   * pollIntervalMs when caught up). Consume a batch (including spilled transactions' `iterate()`)
   * before calling next() again: spill files of the previous batch are deleted then.
   */
  next(): Promise<CommittedTransaction[]>;
  /** Position after everything returned so far; checkpoint it only when all of it is acknowledged. */
  position(): MiningPosition;
  bufferStats(): BufferStats;
  stats(): MiningStats;
  /** Open transactions holding changes of selected tables, oldest first (age, size, tables). */
  openTransactions(): OpenTransactionInfo[];
  /**
   * Drops an open transaction: its buffered rows are discarded, its later rows and its COMMIT are
   * ignored, it no longer holds the restart position back, and positions carry its XID until
   * mining has passed its end (so a restart ignores it too). null when it is not open (any more).
   */
  dropTransaction(xid: string, reason: string): DroppedTransaction | null;
  /** A position is checkpointed: spill files of transactions at or before it are deleted (with `keepSpillsUntilCheckpointed`). */
  checkpointed(position: Pick<MiningPosition, 'lastCommitScn' | 'lastXid'>): void;
  close(): Promise<void>;
  [Symbol.asyncIterator](): AsyncIterator<CommittedTransaction>;
}

/** A committed transaction held until it is handed out; `spill` is deleted after the consumer read it. */
type Done = Omit<CommittedTransaction, 'position'> & { firstRowScn: Scn; startTimeMs: number; spill: SpillFile | null };

/** The window being read: its LogMiner cursor stays open across `next()` calls until it ends. */
interface OpenWindow {
  window: { fromScn: Scn; toScn: Scn };
  upper: Scn;
  /** When the upper bound was read, in the database's clock. */
  boundAtMs: number;
  rows: AsyncIterator<LogMinerRow[]> | null;
  rowsRead: number;
  /** Set once the window is re-read with a dictionary from the redo logs (see `remineWithRedoDictionary`). */
  redoDictionary: Scn | null;
  /** The last row processed, so a re-read session can skip to just after it. */
  lastRow: LogMinerRow | null;
  /** While set, rows of the re-read session are dropped up to and including this one. */
  skipThrough: LogMinerRow | null;
  /** When the current LogMiner session was started (null: none open). */
  sessionStartedMs: number | null;
  /** Calls to the database for this window so far (log list, ADD_LOGFILE, START/END, fetches, flush, bounds). */
  roundTrips: number;
  startedMs: number;
}

const sameRow = (a: LogMinerRow, b: LogMinerRow) => a.scn === b.scn && a.rsId === b.rsId && a.ssn === b.ssn && a.xid === b.xid && a.operationCode === b.operationCode;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createLogMinerStream(gateway: OracleGateway, opts: LogMinerStreamOptions): LogMinerStream {
  return new MinerStream(gateway, opts);
}

class MinerStream implements LogMinerStream {
  private readonly planner: WindowPlanner;
  private readonly buffer: TransactionBuffer;
  private readonly spillStore: SpillStore;
  /** Spilled transactions of the resume position still to adopt (at the first next()). */
  private toAdopt: MiningPosition['spilled'] | null;
  private readonly cache: TableCache;
  private readonly csf = new CsfJoiner();
  private readonly skipUntil: Pick<MiningPosition, 'lastCommitScn' | 'lastXid'>;
  private readonly owners: Set<string>;
  private readonly tables: Set<string> | null;
  private readonly wholeSchemas: Set<string>;
  /** What the contents query reads: per owner, its selected tables or all of them. */
  private readonly selection: OwnerSelection[];
  private readonly maxReady: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private last: { commitScn: Scn | null; xid: string | null };
  /** The wait when caught up now: short after work, doubling to pollIntervalMs while idle. */
  private idleWaitMs: number;
  private flushTableChecked = false;
  /** Spill files of handed-out transactions: deleted at the next next(), or once a checkpoint passes them (keepSpillsUntilCheckpointed). */
  private handedOut: { file: SpillFile; commitScn: Scn; xid: string }[] = [];
  /** Committed transactions not returned yet (a later row may still commit at the same SCN). */
  private done: Done[] = [];
  private doneEvents = 0;
  private current: OpenWindow | null = null;
  /** Retries spent on the window being opened (reset once it yields a row or completes). */
  private windowAttempts = 0;
  /** SCN of the last row processed in the current window. */
  private scanScn: Scn | null = null;
  private failed: unknown = null;
  private closed = false;
  private readonly counters: FinisherCounters & { windowsMined: number; rowsMined: number; unsupportedRows: number; transactionsEmitted: number; internalDdlSkipped: number; remines: number; scnJumps: number; sessionRestarts: number; spilledResumes: number } = {
    scnJumps: 0,
    sessionRestarts: 0,
    spilledResumes: 0,
    unreadableRowsSkipped: 0,
    unknownTableRows: 0,
    unmatchedRollbacks: 0,
    windowsMined: 0,
    rowsMined: 0,
    unsupportedRows: 0,
    transactionsEmitted: 0,
    internalDdlSkipped: 0,
    remines: 0,
  };
  private lastWindow: { fromScn: Scn; toScn: Scn } | null = null;
  private lastWindowCost: MiningStats['lastWindowCost'] = null;
  private boundRoundTrips = 0;
  private readonly sessionMaxMs: number;
  private readonly now: () => number;
  private readonly dropped: DroppedTransactions;
  private droppedCount = 0;
  private readonly logSwitches = new LogSwitchCounter();
  private lastRowTimeMs: number | null = null;
  private minedThroughMs: number | null = null;
  /** The last upper bound and the database's time when it was read. */
  private lastBound: { scn: Scn; atMs: number } | null = null;
  private clockOffsetMs: number | null = null;

  constructor(
    private readonly gateway: OracleGateway,
    private readonly opts: LogMinerStreamOptions,
  ) {
    const start = opts.resume?.restartScn ?? opts.startScn;
    if (start === undefined) throw new RangeError('createLogMinerStream needs startScn or resume');
    this.planner = new WindowPlanner({ ...DEFAULT_WINDOW_SIZES, ...opts.windowSizes }, start);
    this.spillStore = new SpillStore(opts.spillDir, spilledFiles(opts.resume?.spilled));
    this.buffer = new TransactionBuffer(this.spillStore, opts.maxEventsInMemoryPerTx ?? 10_000);
    this.toAdopt = opts.resume?.spilled ?? null;
    this.cache = new TableCache(opts.resolveTable ?? resolveTableFromGateway(gateway));
    this.skipUntil = opts.resume
      ? { lastCommitScn: opts.resume.lastCommitScn, lastXid: opts.resume.lastXid }
      : { lastCommitScn: opts.emitAfterCommitScn ?? null, lastXid: null };
    this.last = { commitScn: this.skipUntil.lastCommitScn, xid: this.skipUntil.lastXid };
    this.owners = new Set(opts.owners);
    this.tables = opts.tables ? new Set(opts.tables.map((t) => TableCache.key(t.owner, t.table))) : null;
    this.wholeSchemas = new Set(opts.wholeSchemas ?? []);
    this.selection = [...this.owners].map((owner) => ({
      owner,
      tables: opts.tables === undefined || this.wholeSchemas.has(owner) ? null : opts.tables.filter((t) => t.owner === owner).map((t) => t.table),
    }));
    this.idleWaitMs = this.minIdleWait();
    this.maxReady = opts.maxReadyEvents ?? 20_000;
    this.sleep = opts.sleep ?? defaultSleep;
    this.sessionMaxMs = opts.sessionMaxMs ?? 10 * 60_000;
    this.now = opts.now ?? Date.now;
    this.dropped = new DroppedTransactions(opts.resume?.dropped ?? []);
  }

  async next(): Promise<CommittedTransaction[]> {
    if (this.closed) throw new Error('LogMiner stream is closed');
    if (this.failed) throw this.failed;
    this.releasePrevious();
    if (this.toAdopt) await this.adoptSpilled(this.toAdopt);
    for (;;) {
      if (!this.current) {
        const upper = await this.upperBound();
        const window = this.planner.plan(upper);
        if (!window) {
          await this.waitIdle();
          return [];
        }
        this.current = { window, upper, boundAtMs: this.lastBound!.atMs, rows: null, rowsRead: 0, redoDictionary: null, lastRow: null, skipThrough: null, sessionStartedMs: null, roundTrips: this.boundRoundTrips, startedMs: this.now() };
        this.scanScn = null;
      }
      const w = this.current;
      if (w.rows && w.lastRow && w.sessionStartedMs !== null && this.now() - w.sessionStartedMs >= this.sessionMaxMs) await this.restartSession(w);
      let batch: LogMinerRow[] | null;
      try {
        batch = await this.fetch(w);
      } catch (err) {
        await this.abandon(w);
        if (w.rowsRead > 0) return this.fail(err);
        await this.retryOrThrow(err); // nothing processed yet: plan the window again
        continue;
      }
      if (batch === null) {
        if (w.skipThrough) return this.fail(new OracleError('ORACLE_REMINE_POSITION_LOST', `Re-reading SCN ${w.window.fromScn}..${w.window.toScn} with the LogMiner dictionary from the redo logs did not find the row mining had reached (SCN ${w.skipThrough.scn}).`, { retriable: true }));
        this.current = null;
        this.windowAttempts = 0;
        this.planner.complete(w.window, w.upper);
        this.lastWindow = w.window;
        this.lastWindowCost = { rows: w.rowsRead, roundTrips: w.roundTrips + 1, ms: this.now() - w.startedMs };
        this.counters.windowsMined++;
        if (w.window.toScn >= w.upper) this.minedThroughMs = Math.max(this.minedThroughMs ?? 0, w.boundAtMs);
        if (w.rowsRead === 0) await this.skipScnJump(w.upper);
        const out = this.release(null);
        // Caught up with nothing to show (the flush's own commit moves the bound every time): wait.
        if (out.length === 0 && w.window.toScn >= w.upper) await this.waitIdle();
        else if (out.length > 0) this.idleWaitMs = this.minIdleWait();
        return out;
      }
      this.windowAttempts = 0;
      if (w.skipThrough) batch = this.skipReRead(w, batch);
      w.rowsRead += batch.length;
      this.counters.rowsMined += batch.length;
      const bad = batch.findIndex((r) => this.unreadable(r));
      try {
        await this.process(bad < 0 ? batch : batch.slice(0, bad));
        if (bad >= 0) {
          w.lastRow = bad > 0 ? batch[bad - 1]! : w.lastRow;
          await this.remineWithRedoDictionary(w, batch[bad]!);
          continue;
        }
        w.lastRow = batch[batch.length - 1] ?? w.lastRow;
      } catch (err) {
        await this.abandon(w);
        return this.fail(err);
      }
      // Enough committed work in hand: hand it out, keeping the cursor where it is. Transactions
      // committing at the SCN of the last row wait — a later row may commit at the same SCN.
      if (this.doneEvents >= this.maxReady && this.scanScn !== null && this.done.some((t) => t.commitScn < this.scanScn!)) return this.release(this.scanScn);
    }
  }

  /** Resumes past the spilled transactions' first rows when their files are here (spilled-resume.ts). */
  private async adoptSpilled(resume: NonNullable<MiningPosition['spilled']>): Promise<void> {
    this.toAdopt = null;
    const txs = await adoptSpilled(this.spillStore, resume);
    if (!txs) return;
    for (const tx of txs) this.buffer.restore(tx);
    this.planner.skipTo(resume.restartScn);
    this.counters.spilledResumes += txs.length;
  }

  private async fetch(w: OpenWindow): Promise<LogMinerRow[] | null> {
    if (!w.rows) {
      const objectIds = await this.selectedObjectIds();
      const d = w.redoDictionary;
      const logFiles = await this.gateway.logFilesFor(d ?? w.window.fromScn, w.window.toScn);
      w.sessionStartedMs = this.now();
      this.logSwitches.saw(logFiles);
      w.roundTrips += 2 + logFiles.length; // the log list, ADD_LOGFILE per file, START_LOGMNR
      w.rows = this.gateway
        .mine({ fromScn: w.window.fromScn, toScn: w.window.toScn, logFiles, owners: [...this.owners], selection: this.selection, objectIds, ...(d === null ? {} : { redoDictionary: { buildScn: d } }) })
        [Symbol.asyncIterator]();
    }
    const r = await w.rows.next();
    w.roundTrips++;
    return r.done ? null : r.value;
  }

  /** Ends a long-open LogMiner session; the next fetch starts a new one just after the last row read. */
  private async restartSession(w: OpenWindow): Promise<void> {
    await w.rows?.return?.(undefined).catch(() => undefined);
    w.rows = null;
    w.sessionStartedMs = null;
    w.skipThrough = w.lastRow;
    w.roundTrips++; // END_LOGMNR
    this.counters.sessionRestarts++;
  }

  /**
   * An SCN jump: the database SCN leapt ahead with no redo in between (SCN synchronisation over a
   * database link, a restore), e.g. from 8,000,000 to 9,000,000,000. Mined window by window, that
   * is thousands of empty LogMiner sessions. After an empty window with more than a largest window
   * still to go, one probe reads the first row of any kind in [next, upper) and mining continues
   * there: no row at all lies below it, so nothing is skipped.
   */
  private async skipScnJump(upper: Scn): Promise<void> {
    const from = this.planner.nextFrom;
    if (upper - from <= this.planner.maxWindowSize) return;
    const logFiles = await this.gateway.logFilesFor(from, upper);
    const rows = this.gateway.mine({ fromScn: from, toScn: upper, logFiles, owners: [] })[Symbol.asyncIterator]();
    let first: Scn | null = null;
    try {
      const r = await rows.next();
      first = r.done || r.value.length === 0 ? null : r.value[0]!.scn;
    } finally {
      await rows.return?.(undefined).catch(() => undefined);
    }
    const to = first ?? upper;
    if (to - from > this.planner.windowSize) {
      this.planner.skipTo(to);
      this.counters.scnJumps++;
    }
  }

  /** Object numbers of the selected tables (resolved once), so rows LogMiner names "OBJ# n" are not lost. */
  private objectIds: Promise<number[]> | null = null;

  private selectedObjectIds(): Promise<number[]> {
    this.objectIds ??= (async () => {
      const everyTable = async (owner: string) => (await this.gateway.listTables(owner)).map((t) => ({ owner, table: t.name }));
      const tables = [
        ...(this.opts.tables ?? []).filter((t) => !this.wholeSchemas.has(t.owner)),
        ...(await Promise.all(this.selection.filter((s) => s.tables === null).map((s) => everyTable(s.owner)))).flat(),
      ];
      const ids: number[] = [];
      for (const t of tables) {
        await this.cache.ensure([TableCache.key(t.owner, t.table)]);
        const meta = this.cache.get(t.owner, t.table);
        if (meta?.objectIds) {
          ids.push(...meta.objectIds);
          for (const id of meta.objectIds) this.objectTables.set(id, `${t.owner}.${t.table}`);
        }
      }
      return ids;
    })();
    this.objectIds.catch(() => {
      this.objectIds = null; // retried with the next window
    });
    return this.objectIds;
  }

  private readonly objectTables = new Map<number, string>();

  /** A change of a selected table that LogMiner could not render with the dictionary in use. */
  private unreadable(r: LogMinerRow): boolean {
    if (r.status !== 2 || !CHANGE_OPS.has(r.operationCode)) return false;
    return this.selected(r) || (r.segOwner === 'UNKNOWN' && r.objectId != null && this.objectTables.has(r.objectId));
  }

  /**
   * The rest of the window again, in a new LogMiner session with the dictionary from the latest
   * build in the redo logs at or before the unreadable row (DDL tracked from there), resuming just
   * after the last row processed. Without such a build — or if it too cannot render the row — the
   * stream fails with DictionaryMismatchError naming the table, the SCN and the fix.
   */
  private async remineWithRedoDictionary(w: OpenWindow, row: LogMinerRow): Promise<void> {
    const table = row.segOwner === 'UNKNOWN' ? (this.objectTables.get(row.objectId ?? -1) ?? String(row.tableName)) : `${row.segOwner}.${row.tableName}`;
    if (w.redoDictionary !== null) throw new DictionaryMismatchError({ table, scn: row.scn, triedRedoDictionary: true });
    const build = await this.gateway.dictionaryBuildAtOrBefore(row.scn);
    if (build === null) throw new DictionaryMismatchError({ table, scn: row.scn, triedRedoDictionary: false });
    await w.rows?.return?.(undefined).catch(() => undefined);
    w.rows = null;
    w.redoDictionary = build;
    w.skipThrough = w.lastRow;
    this.counters.remines++;
  }

  /** Drops the rows a re-read session repeats, up to and including the last one processed before. */
  private skipReRead(w: OpenWindow, batch: LogMinerRow[]): LogMinerRow[] {
    const at = batch.findIndex((r) => sameRow(r, w.skipThrough!));
    if (at < 0) return [];
    w.skipThrough = null;
    return batch.slice(at + 1);
  }

  private async retryOrThrow(err: unknown): Promise<void> {
    const max = this.opts.maxWindowRetries ?? 3;
    if (!isOra2KafkaError(err) || !err.retriable || this.windowAttempts >= max) throw this.failWith(err);
    if (err.code === 'ORA-04036') this.planner.shrink();
    await this.sleep(Math.min(2000, 100 * 2 ** this.windowAttempts));
    this.windowAttempts++;
  }

  private failWith(err: unknown): unknown {
    this.failed = err;
    return err;
  }

  private fail(err: unknown): never {
    throw this.failWith(err);
  }

  /** Ends the window's LogMiner session without reading it further. */
  private async abandon(w: OpenWindow): Promise<void> {
    this.current = null;
    await w.rows?.return?.(undefined).catch(() => undefined);
  }

  /** Adaptive polling: right after work the next change is likely close; idle, back off to pollIntervalMs. */
  private async waitIdle(): Promise<void> {
    await this.sleep(this.idleWaitMs);
    this.idleWaitMs = Math.min(this.opts.pollIntervalMs ?? 1000, this.idleWaitMs * 2);
  }

  private minIdleWait(): number {
    return Math.max(1, Math.floor((this.opts.pollIntervalMs ?? 1000) / 8));
  }

  /**
   * Exclusive upper bound of the next window: nothing at or above what any open redo thread has
   * written (V$THREAD.LAST_REDO_CHANGE#) — redo still in a log buffer is invisible to LogMiner, and
   * a window that passed it would skip it for good (RAC: each instance writes its own thread on its
   * own schedule) — after making each instance's log writer write (the flush table), so the bound
   * is close to the current SCN instead of seconds behind. Never past the current SCN.
   */
  private async upperBound(): Promise<Scn> {
    if (!this.flushTableChecked) {
      await this.gateway.ensureFlushTable();
      this.flushTableChecked = true;
    }
    await this.gateway.flushRedo();
    // The flush, the clock, the current SCN and V$THREAD: charged to the window planned with this bound.
    this.boundRoundTrips = 4;
    // The bound's time comes from the database, read before its SCN: row times are in the
    // database's clock, so the time mining reached must be too (its host's clock may be hours or
    // years from this machine's). The offset then carries database time to this machine's now.
    const before = this.now();
    const atMs = await this.gateway.databaseTimeMs();
    this.clockOffsetMs = atMs - Math.round((before + this.now()) / 2);
    let bound = (await this.gateway.currentScn()) + 1n;
    for (const t of await this.gateway.redoThreads()) if (t.open && t.lastRedoScn < bound) bound = t.lastRedoScn;
    this.lastBound = { scn: bound, atMs };
    return bound;
  }

  private selected(row: LogMinerRow): boolean {
    if (!row.segOwner || !this.owners.has(row.segOwner)) return false;
    return this.tables === null || this.wholeSchemas.has(row.segOwner) || (row.tableName !== null && this.tables.has(TableCache.key(row.segOwner, row.tableName)));
  }

  private keep(tx: Done): void {
    this.done.push(tx);
    if (!tx.spilled) this.doneEvents += tx.eventCount;
  }

  private async process(rows: LogMinerRow[]): Promise<void> {
    for (const raw of rows) {
      this.scanScn = raw.scn;
      const row = this.csf.push(raw);
      if (!row) continue;
      const op = row.operationCode;
      this.lastRowTimeMs = row.timestampMs;
      if (this.minedThroughMs === null || row.timestampMs > this.minedThroughMs) this.minedThroughMs = row.timestampMs;
      if (this.dropped.has(row.xid)) {
        if (op === Op.COMMIT || op === Op.ROLLBACK) this.dropped.ended(row.xid, row.scn);
        continue;
      }
      if (op === Op.START) this.buffer.start(row);
      else if (op === Op.ROLLBACK) this.buffer.rollback(row.xid);
      else if (op === Op.COMMIT) {
        const btx = this.buffer.commit(row.xid);
        if (!btx || btx.count === 0) continue;
        const key = { commitScn: row.commitScn ?? row.scn, xid: row.xid };
        if (!isAfterPosition(key, this.skipUntil)) {
          btx.spill?.remove();
          continue;
        }
        const tx = await finishTransaction(btx, row, this.cache, this.counters, { skipUnreadable: this.opts.unreadableRedo === 'skip' });
        if (!tx) btx.spill?.remove();
        else this.keep({ ...tx, firstRowScn: btx.firstRowScn ?? btx.startScn, startTimeMs: btx.startTimeMs, spill: btx.spill });
      } else if (op === Op.DDL) {
        if (!row.segOwner || !this.owners.has(row.segOwner)) continue;
        this.cache.invalidateOwner(row.segOwner);
        // DDL Oracle ran on its own (e.g. a partition added by interval partitioning) is not the user's: not migrated.
        if (row.info?.startsWith('INTERNAL DDL')) {
          this.counters.internalDdlSkipped++;
          continue;
        }
        if (!isAfterPosition({ commitScn: row.scn, xid: row.xid }, this.skipUntil)) continue;
        const e = ddlEvent(row);
        this.keep({ xid: row.xid, startScn: row.scn, commitScn: row.scn, commitTimeMs: row.timestampMs, userName: row.userName, eventCount: 1, spilled: false, events: [e], unreadable: [], iterate: async function* () { yield e; }, firstRowScn: row.scn, startTimeMs: row.timestampMs, spill: null });
      } else if (op === Op.UNSUPPORTED) {
        if (this.selected(row)) this.counters.unsupportedRows++;
      } else if (CHANGE_OPS.has(op) && this.selected(row)) this.buffer.add(row);
    }
  }

  /**
   * Hands out the committed transactions ordered before `belowScn` (all when null), each with its
   * position: restart SCN after the i-th is the first row of any transaction ordered after it
   * (handed out later in this batch, still held, or still open), never above its own commit SCN.
   */
  private release(belowScn: Scn | null): CommittedTransaction[] {
    if (this.lastRowTimeMs !== null) this.buffer.spillOlderThan(this.lastRowTimeMs - (this.opts.spillOpenAfterMs ?? 60_000));
    this.done.sort(compareCommit);
    let n = this.done.length;
    if (belowScn !== null) while (n > 0 && this.done[n - 1]!.commitScn >= belowScn) n--;
    const out: CommittedTransaction[] = new Array(n);
    // The restart after each transaction, and the later one if spilled transactions are adopted.
    let suffixMin: Scn | null = this.buffer.oldestFirstRowScn();
    let unspilledMin: Scn | null = this.buffer.oldestFirstRowScn(true);
    const spilled: SpilledCandidate[] = this.openSpilled();
    let refs: SpilledRefs | null = null; // built when first needed, again when the candidates change
    const addToSuffix = (t: Done) => {
      suffixMin = minScn(suffixMin, t.firstRowScn);
      if (t.spill) {
        spilled.push(doneCandidate(t));
        refs = null;
      } else unspilledMin = minScn(unspilledMin, t.firstRowScn);
    };
    for (let i = this.done.length - 1; i >= n; i--) addToSuffix(this.done[i]!);
    for (let i = n - 1; i >= 0; i--) {
      const t = this.done[i]!;
      const { firstRowScn: _first, startTimeMs: _started, spill, ...tx } = t;
      const restart = suffixMin !== null && suffixMin < tx.commitScn ? suffixMin : tx.commitScn;
      const fast = unspilledMin !== null && unspilledMin < tx.commitScn ? unspilledMin : tx.commitScn;
      const p: MiningPosition = { restartScn: restart, lastCommitScn: tx.commitScn, lastXid: tx.xid };
      if (fast > restart && spilled.length > 0) {
        refs ??= new SpilledRefs(spilled);
        const resume = refs.forRestart(restart, fast);
        if (resume) p.spilled = resume;
      }
      out[i] = { ...tx, position: this.withDropped(p) };
      addToSuffix(t);
      if (spill) this.handedOut.push({ file: spill, commitScn: tx.commitScn, xid: tx.xid }); // the consumer reads it; deleted later (releasePrevious, checkpointed)
    }
    this.done = this.done.slice(n);
    this.doneEvents = this.done.reduce((k, t) => k + (t.spilled ? 0 : t.eventCount), 0);
    if (out.length > 0) {
      const lastTx = out[out.length - 1]!;
      this.last = { commitScn: lastTx.commitScn, xid: lastTx.xid };
    }
    this.counters.transactionsEmitted += out.length;
    return out;
  }

  position(): MiningPosition {
    // Mid-window, rows at the last scanned SCN may not all be processed: restart there at the latest.
    const scanned: Scn = this.current && this.scanScn !== null ? this.scanScn : this.planner.nextFrom;
    let restart = minScn(scanned, this.buffer.oldestFirstRowScn())!;
    let fast = minScn(scanned, this.buffer.oldestFirstRowScn(true))!;
    const spilled = this.openSpilled();
    for (const t of this.done) {
      restart = minScn(restart, t.firstRowScn)!;
      // Held transactions commit at or above the scanned SCN, so mining from `fast` meets their COMMIT again.
      if (t.spill) spilled.push(doneCandidate(t));
      else fast = minScn(fast, t.firstRowScn)!;
    }
    const p: MiningPosition = { restartScn: restart, lastCommitScn: this.last.commitScn, lastXid: this.last.xid };
    const resume = this.toAdopt ?? (fast > restart && spilled.length > 0 ? new SpilledRefs(spilled).forRestart(restart, fast) : null);
    if (resume) p.spilled = resume;
    return this.withDropped(p);
  }

  /** Open transactions held on disk: a position may name their files instead of restarting at their first rows. */
  private openSpilled(): SpilledCandidate[] {
    const out: SpilledCandidate[] = [];
    for (const t of this.buffer.transactions()) if (t.spill && t.firstRowScn !== null) out.push({ xid: t.xid, startScn: t.startScn, startTimeMs: t.startTimeMs, firstRowScn: t.firstRowScn, userName: t.userName, spill: t.spill });
    return out;
  }

  /** Adds the dropped transactions a restart at the position could still meet (none: no `dropped` key). */
  private withDropped(p: MiningPosition): MiningPosition {
    if (this.dropped.size === 0) return p;
    this.dropped.prune(p.restartScn);
    const dropped = this.dropped.forPosition(p.restartScn);
    return dropped.length > 0 ? { ...p, dropped } : p;
  }

  openTransactions(): OpenTransactionInfo[] {
    return this.buffer.list();
  }

  dropTransaction(xid: string, reason: string): DroppedTransaction | null {
    const info = this.buffer.drop(xid);
    if (!info) return null;
    this.dropped.add(xid);
    this.droppedCount++;
    const now = this.now();
    return { ...info, reason, droppedAtMs: now, ageMs: Math.max(0, now + (this.clockOffsetMs ?? 0) - info.startTimeMs) };
  }

  bufferStats(): BufferStats {
    return this.buffer.stats();
  }

  stats(): MiningStats {
    const { windowsMined, rowsMined, unsupportedRows, unmatchedRollbacks, unknownTableRows, transactionsEmitted, internalDdlSkipped, remines, scnJumps, sessionRestarts, unreadableRowsSkipped, spilledResumes } = this.counters;
    return { ...this.buffer.stats(), spilledTransactionsAdopted: spilledResumes, windowsMined, rowsMined, unsupportedRows, unmatchedRollbacks, unknownTableRows, transactionsEmitted, internalDdlSkipped, redoDictionaryRemines: remines, scnJumpsSkipped: scnJumps, sessionRestarts, unreadableRowsSkipped, lastWindow: this.lastWindow, lastWindowCost: this.lastWindowCost, windowSize: this.planner.windowSize, logFiles: this.logSwitches.current, logSwitches: this.logSwitches.switches, droppedTransactions: this.droppedCount, lastRowTimeMs: this.lastRowTimeMs, minedThroughMs: this.minedThroughMs, lastBoundScn: this.lastBound?.scn ?? null, databaseClockOffsetMs: this.clockOffsetMs };
  }

  private releasePrevious(): void {
    if (this.opts.keepSpillsUntilCheckpointed) return;
    for (const h of this.handedOut) h.file.remove();
    this.handedOut = [];
  }

  checkpointed(position: Pick<MiningPosition, 'lastCommitScn' | 'lastXid'>): void {
    if (this.handedOut.length === 0) return; // called at every step of the engine's loop
    // A checkpoint at or after a transaction never names its file again: later positions belong to later transactions.
    this.handedOut = this.handedOut.filter((h) => {
      const passed = !isAfterPosition(h, position);
      if (passed) h.file.remove();
      return !passed;
    });
  }

  /** Spill files of open and held transactions stay for a checkpoint that names them (the next stream cleans up). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.current) await this.abandon(this.current);
    for (const t of this.done) t.spill?.flush();
    this.done = [];
    this.buffer.clear();
    this.spillStore.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<CommittedTransaction> {
    while (!this.closed) for (const tx of await this.next()) yield tx;
  }
}

function doneCandidate(t: Done): SpilledCandidate {
  return { xid: t.xid, startScn: t.startScn, startTimeMs: t.startTimeMs, firstRowScn: t.firstRowScn, userName: t.userName, spill: t.spill! };
}

function minScn(a: Scn | null, b: Scn | null): Scn | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
