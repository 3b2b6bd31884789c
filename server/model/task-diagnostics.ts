import type { PhaseName } from './phase-progress';
import type { TaskStatus } from './task-status';

/**
 * What a running task knows about itself beyond progress: the figures Prometheus scrapes and the
 * lag explainer shows ("why is it behind?"). The engine reports one every metrics interval
 * (TaskReporter.diagnostics); SCNs are decimal strings so the shape crosses JSON and tRPC as is.
 *
 *   { status: 'Migrating', phase: 'incremental', latencyMs: 850, sourceLagMs: 400,
 *     checkpointScn: '5012001', openTransactions: [{ xid: '0A001F00D3040000', ageMs: 3600000, rows: 12, … }],
 *     mining: { windowFromScn: '5013000', windowToScn: '5033000', logFiles: [...], redoRowsPerSec: 1200, … },
 *     throttle: { capping: 'instance-class', waits: 3, waitedMs: 1200, … }, backPressure: { waits: 0, … }, … }
 */
export interface OpenTransactionView {
  xid: string;
  startScn: string;
  startTimeMs: number;
  ageMs: number;
  userName: string | null;
  rows: number;
  bytes: number;
  spilled: boolean;
  tables: string[];
}

export interface DroppedTransactionView extends OpenTransactionView {
  reason: string;
  droppedAtMs: number;
}

export interface MiningView {
  /** Window being read (or the last one), [from, to). */
  windowFromScn: string | null;
  windowToScn: string | null;
  windowSize: string;
  logFiles: { name: string; thread: number; sequence: number; firstScn: string; nextScn: string | null; kind: 'ARCHIVED' | 'ONLINE'; firstTimeMs: number }[];
  windowsMined: number;
  rowsMined: number;
  /** Redo rows LogMiner returned per second, over the last interval. */
  redoRowsPerSec: number;
  logSwitches: number;
  lastWindowCost: { rows: number; roundTrips: number; ms: number } | null;
  sessionRestarts: number;
  /** SCN jumps passed with one probe instead of empty windows. */
  scnJumpsSkipped: number;
  /** Changes whose redo could not be read, left to the dead-letter topic. */
  unreadableRowsSkipped: number;
  /** The database's clock minus this worker's (ages and lags are counted in the database's); null before it was read. */
  databaseClockOffsetMs: number | null;
}

export interface TaskDiagnostics {
  status: TaskStatus;
  phase: PhaseName | null;
  atMs: number;
  /** Events written (acknowledged by Kafka) since the runner started, by operation. */
  eventsByOp: Record<'INIT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'DDL', number>;
  /** Records and bytes written since the runner started (every phase). */
  recordsWritten: number;
  bytesWritten: number;
  /** now − commit time of the last event written (incremental; 0 when caught up and idle). */
  latencyMs: number | null;
  /** Time of the database's current SCN − time of the last mined SCN. */
  sourceLagMs: number | null;
  currentScn: string | null;
  /** The restart SCN of the last checkpoint Kafka acknowledged (incremental), or the snapshot SCN. */
  checkpointScn: string | null;
  checkpointCommitScn: string | null;
  /** The later restart SCN the checkpoint holds while its spill files are on this machine (null: none). */
  checkpointSpilledScn: string | null;
  /** Open transactions a restart here would take from their spill files. */
  checkpointSpilledTransactions: number;
  /** Incremental: open transactions holding changes of selected tables, oldest first (at most 20). */
  openTransactions: OpenTransactionView[];
  activeTransactions: number;
  bufferedBytes: number;
  spilledBytes: number;
  mining: MiningView | null;
  /**
   * The rate limit in force and whether it is holding the running phase back (capping). The waits
   * count every phase and attempt of this run, so they only grow.
   */
  throttle: { rps: number; bytesPerSec: number; userThrottle: boolean; capping: 'throttle' | 'instance-class' | null; waits: number; waitedMs: number };
  /** Kafka back-pressure: appends that waited for acknowledgements, over every attempt of this run. */
  backPressure: { waits: number; waitedMs: number };
  retries: { total: number; last: { atMs: number; reason: string }[] };
  dropped: DroppedTransactionView[];
  heartbeat: { enabled: boolean; lastAtMs: number | null; failures: number } | null;
  /**
   * The oldest archived log a restart from the checkpoint needs, and when the database's retention
   * (DatabaseFlags.archiveRetentionHours) purges it: completion time + retention. Checked now and
   * then by the incremental phase; null when unknown (no retention set, only online logs needed).
   */
  logRetention: { retentionHours: number; thread: number; sequence: number; name: string; completedAtMs: number; purgeAtMs: number; checkedAtMs: number } | null;
}

export const EVENT_OPS = ['INIT', 'INSERT', 'UPDATE', 'DELETE', 'DDL'] as const;
