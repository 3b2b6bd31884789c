import type { Scn } from '../../model/scn';
import type { ChangeEvent } from '../../model/change-event';

/**
 * Where a LogMiner stream can resume without loss or duplicates, checkpointed by the engine once
 * Kafka acknowledged every transaction up to `lastCommitScn`/`lastXid`:
 *   { restartScn: 5012001n, lastCommitScn: 5012350n, lastXid: '0A001F00D3040000' }
 * Mining restarts at `restartScn` (the first redo row of the oldest transaction still open when
 * that transaction committed); transactions ordered at or before (lastCommitScn, lastXid) are
 * skipped. `lastXid: null` means "every transaction with commit SCN <= lastCommitScn" (the hand-off
 * from a snapshot at SCN lastCommitScn).
 */
export interface MiningPosition {
  restartScn: Scn;
  lastCommitScn: Scn | null;
  lastXid: string | null;
  /** Transactions dropped while open whose rows a restart could still read: ignored (dropped-transactions.ts). */
  dropped?: DroppedXid[];
  /**
   * A later restart point that holds when the spill files of the transactions that pin
   * `restartScn` are still on this machine (spilled-resume.ts); absent when it would not help.
   */
  spilled?: SpilledResume;
}

/**
 * Large transactions kept on disk across a restart, so mining resumes at `restartScn` instead of
 * at their first rows: each one's rows below `restartScn` are among the first `rows` lines of its
 * spill file; its later rows and its COMMIT are mined again (every one commits at or above it).
 */
export interface SpilledResume {
  restartScn: Scn;
  transactions: SpilledTransactionRef[];
}

export interface SpilledTransactionRef {
  xid: string;
  /** Spill file name inside the stream's spillDir. */
  file: string;
  /** Lines of the file written when the position was taken (those below restartScn are kept). */
  rows: number;
  startScn: Scn;
  startTimeMs: number;
  userName: string | null;
}

/** A dropped transaction's XID and, once mined, the SCN of its COMMIT or ROLLBACK. */
export interface DroppedXid {
  xid: string;
  endScn: Scn | null;
}

/** An open transaction the stream buffers (the lag explainer's list; retention drops pick from it). */
export interface OpenTransactionInfo {
  xid: string;
  startScn: Scn;
  /** Time of its first redo row seen (START, or its first change). */
  startTimeMs: number;
  /** SCN of its first change row: where a restart must begin to keep it whole. */
  firstRowScn: Scn | null;
  userName: string | null;
  /** Change rows buffered so far. */
  rows: number;
  /** Bytes held: spill file size, or an estimate of the in-memory rows. */
  bytes: number;
  spilled: boolean;
  tables: string[];
}

/** What dropping an open transaction discarded. */
export interface DroppedTransaction extends OpenTransactionInfo {
  reason: string;
  /** When it was dropped, by this machine's clock. */
  droppedAtMs: number;
  /** How long it had been open then, in the database's clock (as its start time is). */
  ageMs: number;
}

/** One committed transaction, in commit-SCN order, ready for the engine. */
export interface CommittedTransaction {
  xid: string;
  /** SCN of the first redo row buffered for it (START, or its first change). */
  startScn: Scn;
  commitScn: Scn;
  commitTimeMs: number;
  userName: string | null;
  /** Number of ChangeEvents (after partial rollbacks and LOB merges); equals every event's txSize. */
  eventCount: number;
  /** True when the transaction was spilled to disk: `events` is then null, use `iterate()`. */
  spilled: boolean;
  /** The events, when held in memory. */
  events: ChangeEvent[] | null;
  /** Streams the events (from memory or from the spill file), seqInTx 1..eventCount. */
  iterate(): AsyncIterable<ChangeEvent>;
  /**
   * Rows of this transaction whose redo could not be read, left out under the skip policy
   * (`unreadableRedo: 'skip'`). For a spilled transaction the list is complete once `iterate()`
   * has finished.
   */
  unreadable: UnreadableRow[];
  /** Checkpoint this after Kafka acknowledged this transaction and all before it. */
  position: MiningPosition;
}

/** A change left out because its redo cannot be read: what a dead-letter record carries. */
export interface UnreadableRow {
  scn: Scn;
  xid: string;
  owner: string | null;
  table: string | null;
  operation: string;
  sqlRedo: string;
  reason: string;
}

/** Transaction buffer state for the UI ("a huge transaction must not exhaust memory — say so"). */
export interface BufferStats {
  openTransactions: number;
  /** Change rows held for open transactions, in memory and on disk. */
  bufferedEvents: number;
  spilledTransactions: number;
  spilledBytes: number;
  /** Start SCN of the oldest open transaction, or null when none is open. */
  oldestOpenScn: Scn | null;
}

export interface MiningStats extends BufferStats {
  windowsMined: number;
  rowsMined: number;
  /** Rows LogMiner could not render (OPERATION_CODE 255) — their changes are not migrated. */
  unsupportedRows: number;
  /** ROLLBACK=1 rows that matched no earlier change of their transaction. */
  unmatchedRollbacks: number;
  /** Rows of tables the resolver did not know (dropped, or not visible). */
  unknownTableRows: number;
  transactionsEmitted: number;
  /** DDL rows Oracle wrote for its own work (INFO 'INTERNAL DDL'), not migrated. */
  internalDdlSkipped: number;
  /** Windows re-read with a LogMiner dictionary from the redo logs (redo older than a DDL). */
  redoDictionaryRemines: number;
  /** SCN jumps (ranges with no redo at all, wider than a window) stepped over in one probe. */
  scnJumpsSkipped: number;
  /** Rows left out because their redo could not be read (`unreadableRedo: 'skip'`). */
  unreadableRowsSkipped: number;
  /** Spilled transactions taken over from their files at resume instead of mined again from their first rows. */
  spilledTransactionsAdopted: number;
  /** LogMiner sessions ended and resumed because they stayed open longer than `sessionMaxMs`. */
  sessionRestarts: number;
  /** What the last window cost the source: rows read, calls to the database, time from plan to end. */
  lastWindowCost: { rows: number; roundTrips: number; ms: number } | null;
  /** Last mined window [from, to). */
  lastWindow: { fromScn: Scn; toScn: Scn } | null;
  /** Mining window size now in use. */
  windowSize: bigint;
  /** Log files of the window being read (or the last one). */
  logFiles: { name: string; thread: number; sequence: number; firstScn: Scn; nextScn: Scn | null; kind: 'ARCHIVED' | 'ONLINE'; firstTimeMs: number }[];
  /** Log switches seen: a log file of a higher sequence appeared in a thread since mining started. */
  logSwitches: number;
  /** Transactions dropped while open (dropTransaction) since the stream started. */
  droppedTransactions: number;
  /** Time of the last redo row processed (null before the first). */
  lastRowTimeMs: number | null;
  /**
   * How far mining has read, as a time: when the last window that reached the upper bound ended,
   * the database's time when that bound was read; while reading a backlog, the time of the last
   * row. Database time throughout: database now − this is the source lag.
   */
  minedThroughMs: number | null;
  /** The last upper bound read (just above the database's SCN then). */
  lastBoundScn: Scn | null;
  /**
   * The database's clock minus this machine's (the stream's `now`), measured with each upper
   * bound; null before the first. Row, start and commit times are in the database's clock, so an
   * age or lag is database now − such a time, with database now = this machine's now + this.
   */
  databaseClockOffsetMs: number | null;
}

export interface WindowSizes {
  min: bigint;
  default: bigint;
  max: bigint;
  increment: bigint;
}

/** Debezium's log.mining.batch.size.{min,default,max,increment}. */
export const DEFAULT_WINDOW_SIZES: WindowSizes = { min: 1_000n, default: 20_000n, max: 100_000n, increment: 20_000n };
