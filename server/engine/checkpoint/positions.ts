import type { EncodedValue } from './value-codec';

/**
 * Resume positions, one per phase, stored as JSON with SCNs as decimal strings. Each is written
 * only after Kafka acknowledged every record before it.
 *
 * schema       { "done": ["TABLE:HR.EMPLOYEES", "VIEW:HR.EMP_V"], "recordId": 12 }
 * full         { "snapshotScn": "5012345", "miningStartScn": "5012001", "recordId": 90210,
 *                "tables": { "HR.EMPLOYEES": { "lastKey": ["107"], "rows": 107, "done": true } } }
 * incremental  { "restartScn": "5012001", "lastCommitScn": "5013000", "lastXid": "0A001F00D3040000",
 *                "seq": 3, "recordId": 90310 }
 *
 * Incremental resume rule: mining restarts at `restartScn` (the oldest start SCN of transactions
 * open at the checkpoint, so no in-flight transaction is cut); a transaction is skipped when it
 * committed before `lastCommitScn`, or at it with XID ≤ `lastXid` in the deterministic commit order;
 * inside transaction (lastCommitScn, lastXid) events with seqInTx ≤ `seq` are skipped. `seq` equal
 * to the transaction size marks it complete. Thus a crash mid-transaction neither loses nor
 * repeats an event.
 */
export type PhaseKey = 'schema' | 'full' | 'incremental';

export interface SchemaPosition {
  done: string[];
  recordId: number;
}

export interface FullTablePosition {
  lastKey: EncodedValue[] | null;
  rows: number;
  done: boolean;
}

export interface FullPosition {
  snapshotScn: string;
  miningStartScn: string;
  recordId: number;
  tables: Record<string, FullTablePosition>;
}

export interface IncrementalPosition {
  restartScn: string;
  lastCommitScn: string;
  lastXid: string;
  seq: number;
  recordId: number;
}

export interface PositionOf {
  schema: SchemaPosition;
  full: FullPosition;
  incremental: IncrementalPosition;
}
