import type { Scn } from './scn';
import type { ColumnMeta, ColumnValue, TableMeta } from './oracle-types';

/**
 * The one source-neutral record that flows from source readers through the engine into formats.
 * Formats only ever see ChangeEvents; by the time one reaches a format, name mapping has already
 * been applied to owner, table and column names.
 *
 * Example (an UPDATE of HR.EMPLOYEES, one of 3 operations in its transaction):
 *   { op: 'UPDATE', owner: 'HR', table: 'EMPLOYEES', columns: [{name:'ID',type:'NUMBER',...}, {name:'SALARY',...}],
 *     primaryKey: ['ID'], uniqueKeys: [], before: ['7', '1000'], after: ['7', '1200'],
 *     scn: 5012345n, commitScn: 5012350n, txId: '0A001F00D3040000', seqInTx: 2, txSize: 3,
 *     commitTimeMs: 1763900000000, rowId: 'AAAR3sAAEAAAACXAAA', userName: 'HR' }
 */
export type ChangeOp = 'INIT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'DDL';

export interface ChangeEvent {
  op: ChangeOp;
  owner: string;
  /** Table name; for DDL on non-table objects, the object name; '' when the DDL names no object. */
  table: string;
  /** Column metadata in table column order; before/after arrays align with it. Empty for DDL. */
  columns: ColumnMeta[];
  primaryKey: string[] | null;
  uniqueKeys: string[][];
  /** Row image before the change (UPDATE, DELETE); `undefined` entries = column not in the redo record. */
  before: (ColumnValue | undefined)[] | null;
  /** Row image after the change (INIT, INSERT, UPDATE). */
  after: (ColumnValue | undefined)[] | null;
  /** SCN of the change itself (for INIT rows: the snapshot SCN). */
  scn: Scn;
  /** SCN at which the transaction committed (for INIT rows: the snapshot SCN). */
  commitScn: Scn;
  /** Transaction id as LogMiner prints XID (16 hex digits), or '' for snapshot rows. */
  txId: string;
  /** 1-based position of this change inside its transaction. */
  seqInTx: number;
  /** Number of changes in the transaction (after filtering out rolled-back rows). */
  txSize: number;
  /** Commit time in epoch milliseconds (for INIT rows: when the row was read). */
  commitTimeMs: number;
  /** Oracle ROWID of the changed row, when known. */
  rowId?: string;
  /** Committing user name (LogMiner USERNAME), when known. */
  userName?: string;
  /** DDL text after name mapping, for op === 'DDL'. */
  ddl?: string;
  /** DDL object type ('TABLE', 'VIEW', …), for op === 'DDL'. */
  ddlObjectType?: string;
}

/** Primary-key values of an event's row (after image, else before image), for keys and partitioning. */
export function keyValues(event: ChangeEvent, keyColumns: string[]): (ColumnValue | undefined)[] {
  const image = event.after ?? event.before ?? [];
  return keyColumns.map((name) => {
    const i = event.columns.findIndex((c) => c.name === name);
    return i < 0 ? undefined : image[i];
  });
}

/**
 * A row read AS OF `scn` (full load, a table read while the stream runs, verification) as the INIT
 * event the pipeline writes: no transaction, a unit of one, `seqInTx` numbering the table's rows.
 */
export function initEvent(meta: Pick<TableMeta, 'owner' | 'name' | 'columns' | 'primaryKey' | 'uniqueKeys'>, row: ColumnValue[], scn: Scn, seqInTx = 0, commitTimeMs = 0): ChangeEvent {
  return { op: 'INIT', owner: meta.owner, table: meta.name, columns: meta.columns, primaryKey: meta.primaryKey, uniqueKeys: meta.uniqueKeys, before: null, after: row, scn, commitScn: scn, txId: '', seqInTx, txSize: 1, commitTimeMs };
}
