import type { ColumnValue } from '../model/oracle-types';
import type { FormatName } from './format';

/**
 * One Kafka message read back: what a consumer sees, in the model's value shapes, whatever format
 * wrote it. The topic browser shows it; verification replays it into per-key row images.
 *
 *   DTS Avro UPDATE of HR.EMPLOYEES →
 *   { format: 'dts-avro', op: 'UPDATE', owner: 'HR', table: 'EMPLOYEES', scn: 5012345n,
 *     commitScn: 5012350n, seq: 2, txId: '0A001F00D3040000', commitTimeMs: 1763900000000,
 *     columns: ['ID', 'SALARY'], before: ['7', '1000.00'], after: ['7', '1200.00'] }
 *
 * Images are arrays aligned with `columns`, as a ChangeEvent's are (a verification replays
 * millions of them: no dictionary per image). A column the record does not carry (DTS Avro
 * EmptyObject NONE, a SharePlex update's unchanged column) is `undefined`, so is a slot past the
 * array's end. SharePlex JSON writes every value as text, so its images hold strings (and null).
 */
export type DecodedOp = 'INIT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'DDL';

export type DecodedImage = (ColumnValue | undefined)[];

export interface DecodedRecord {
  format: FormatName;
  op: DecodedOp;
  owner: string;
  /** '' for a DDL that names no object. */
  table: string;
  /** SCN of the change itself (DTS Avro); SharePlex JSON carries only the commit SCN (null). */
  scn: bigint | null;
  /** Commit SCN of the transaction (the snapshot SCN for full-load rows). */
  commitScn: bigint;
  /** Source transaction id: the XID for DTS Avro, USN.SLOT.SQN for SharePlex; '' for full-load rows. */
  txId: string;
  /** Position inside the transaction (1-based). */
  seq: number;
  commitTimeMs: number;
  /**
   * Column names in the record's order (DTS Avro `fields`, else the order the images list them).
   * Read-only: DTS Avro records of one table share one list.
   */
  columns: readonly string[];
  before: DecodedImage | null;
  after: DecodedImage | null;
  /** Key columns when the record says (DTS Avro tag pk_uk_info: the primary key, else the first unique key). */
  keyColumns: readonly string[] | null;
  ddl?: string;
}

/** Why a message could not be read as a record of the task's format. */
export class RecordDecodeError extends Error {
  readonly code = 'RECORD_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'RecordDecodeError';
  }
}

/** Splits a DTS objectName ("HR.EMPLOYEES", a dot inside a name written "\u002E") into owner and table. */
export function splitObjectName(name: string): { owner: string; table: string } {
  const [owner = '', table = ''] = name.split('.').map((p) => p.split('\\u002E').join('.'));
  return { owner, table };
}
