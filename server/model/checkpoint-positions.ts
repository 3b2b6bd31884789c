import type { EncodedValue } from './checkpoint-value-codec';

/**
 * Resume positions, one per phase, stored as JSON with SCNs as decimal strings. Each is written
 * only after Kafka acknowledged every record before it.
 *
 * schema       { "done": ["TABLE:HR.EMPLOYEES", "VIEW:HR.EMP_V"], "scn": "5012000" }
 * full         { "snapshotScn": "5012345", "miningStartScn": "5012001",
 *                "tables": { "HR.EMPLOYEES": { "lastKey": ["107"], "rows": 107, "done": true } } }
 * incremental  { "restartScn": "5012001", "lastCommitScn": "5013000", "lastXid": "0A001F00D3040000",
 *                "partial": { "commitScn": "5013020", "xid": "0B0002000A010000", "seq": 3 } }
 *
 * Incremental resume rule: mining restarts at `restartScn` (the first redo row of any transaction
 * still open when the last complete one committed, so no in-flight transaction is cut);
 * transactions ordered at or before (lastCommitScn, lastXid) are skipped (lastXid null: every
 * transaction committed at or before lastCommitScn — the hand-off from the snapshot). `partial`
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
}

/** The position of each phase (keys are PhaseName). */
export interface PositionOf {
  schema: SchemaPosition;
  full: FullPosition;
  incremental: IncrementalPosition;
}
