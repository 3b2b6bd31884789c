import type { EncodedValue } from './checkpoint-value-codec';

/**
 * Resume positions, one per phase, stored as JSON with SCNs as decimal strings. Each is written
 * only after Kafka acknowledged every record before it.
 *
 * schema       { "done": ["TABLE:HR.EMPLOYEES", "VIEW:HR.EMP_V"], "scn": "5012000" }
 * full         { "snapshotScn": "5012345", "miningStartScn": "5012001",
 *                "tables": { "HR.EMPLOYEES": { "lastKey": ["107"], "rows": 107, "done": true } } }
 * incremental  { "restartScn": "5012001", "lastCommitScn": "5013000", "lastXid": "0A001F00D3040000",
 *                "partial": { "commitScn": "5013020", "xid": "0B0002000A010000", "seq": 3 },
 *                "dropped": [{ "xid": "0C0007000B020000", "endScn": null }],
                "spilled": { "restartScn": "5012990", "transactions": [{ "xid": "0A00…", "file": "ora2kafka-tx-4242-1-1.jsonl",
                             "rows": 812000, "startScn": "5012001", "startTimeMs": 1765000000000, "userName": "BATCH" }] } }
 *
 * Incremental resume rule: mining restarts at `restartScn` (the first redo row of any transaction
 * still open when the last complete one committed, so no in-flight transaction is cut);
 * transactions ordered at or before (lastCommitScn, lastXid) are skipped (lastXid null: every
 * transaction committed at or before lastCommitScn — the hand-off from the snapshot); with
`spilled`, mining restarts at its later SCN when the spill files it names are still here. `partial`
 * is a transaction written only in part when the checkpoint was taken (a big transaction spans
 * several Kafka transactions): its events with seqInTx ≤ seq are skipped. Thus a crash
 * mid-transaction neither loses nor repeats an event.
 */
export interface SchemaPosition {
  /** "TYPE:OWNER.NAME" of every object whose DDL record is committed. */
  done: string[];
  /** SCN the schema phase read the dictionary at. */
  scn: string;
}

export interface FullTablePosition {
  lastKey: EncodedValue[] | null;
  rows: number;
  done: boolean;
}

export interface FullPosition {
  snapshotScn: string;
  miningStartScn: string;
  /** Keyed "OWNER.TABLE" (source names). */
  tables: Record<string, FullTablePosition>;
}

export interface IncrementalPosition {
  restartScn: string;
  lastCommitScn: string | null;
  lastXid: string | null;
  partial: { commitScn: string; xid: string; seq: number } | null;
  /**
   * Transactions dropped while open (lag explainer, retention) whose rows a restart from
   * restartScn could still read: they are ignored. `endScn` is their COMMIT/ROLLBACK once mined.
   * Absent in checkpoints written before drops existed, and when nothing is dropped.
   */
  dropped?: { xid: string; endScn: string | null }[];
  /**
   * The later restart that holds while the named spill files of large open transactions are on
   * this machine (server/oracle/logminer/spilled-resume.ts); absent when it gains nothing.
   */
  spilled?: { restartScn: string; transactions: { xid: string; file: string; rows: number; startScn: string; startTimeMs: number; userName: string | null }[] };
  /** Tables being read while the stream runs (added or re-snapshot on request); absent when none. */
  snapshots?: StreamingSnapshotPosition[];
  /** Ids of snapshot requests (TaskConfig.snapshots) that are complete. */
  snapshotsDone?: string[];
}

/**
 * One table read in keyset chunks while incremental migration runs (see
 * server/engine/phases/streaming-snapshot.ts). Each chunk is read AS OF the stream's position
 * when it is written; a change of a row in a chunk is written only if it committed after that
 * chunk's SCN, a change of a row beyond the last chunk not at all (a later chunk reads it).
 *
 *   { "request": "r1", "mode": "add", "table": "HR.JOB_HISTORY", "keyColumns": ["EMPLOYEE_ID", "START_DATE"],
 *     "streamingUpTo": ["120", {"d": …}], "chunks": [{ "lastKey": ["180", {"d": …}], "scn": "5013000" }],
 *     "rows": 4000, "done": false }
 *
 * streamingUpTo: every key at or below it streams normally (its chunks' SCNs are behind the
 * stream); chunks: read but not yet behind the stream; done: the last chunk has been read.
 */
export interface StreamingSnapshotPosition {
  request: string;
  /** add: the table is new to the task; reread: it was streaming and is read again. */
  mode: 'add' | 'reread';
  /** Source name "OWNER.TABLE". */
  table: string;
  keyColumns: string[];
  streamingUpTo: EncodedValue[] | null;
  /** lastKey null: the table's last chunk, covering every key above the one before it. */
  chunks: { lastKey: EncodedValue[] | null; scn: string }[];
  rows: number;
  done: boolean;
}

/** The position of each phase (keys are PhaseName). */
export interface PositionOf {
  schema: SchemaPosition;
  full: FullPosition;
  incremental: IncrementalPosition;
}
