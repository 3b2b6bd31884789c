import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import type { LockOwner, RowEntry } from './row-store';
import type { SimTable } from './sim-table';

/** Row lock state before a change, restored on rollback. */
export interface EntryRestore {
  entry: RowEntry;
  prevLock: LockOwner | null;
  prevPending: ColumnValue[] | null;
}

/** What one DML did, for undo and for the compensating redo written on rollback. */
export interface UndoRecord {
  table: SimTable;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  rowId: string;
  before: ColumnValue[] | null;
  after: ColumnValue[] | null;
  /** Column indexes the statement set (UPDATE). */
  changed: number[];
  restores: EntryRestore[];
}

/**
 * A transaction as V$TRANSACTION sees it: it exists from its first change (when it takes an undo
 * slot and its XID), not from the session's first statement.
 */
export class SimTransaction implements LockOwner {
  readonly undo: UndoRecord[] = [];
  /** Entries this transaction locked, with the table they belong to. */
  readonly touched = new Map<RowEntry, SimTable>();
  readonly savepoints = new Map<string, number>();

  constructor(
    readonly xid: string,
    readonly startScn: Scn,
    readonly startTimeMs: number,
    readonly user: string,
    /** RAC instance whose session runs it (V$TRANSACTION of that instance lists it). */
    readonly instance = 1,
  ) {}

  lock(table: SimTable, entry: RowEntry, pending: ColumnValue[] | null): EntryRestore {
    const restore = { entry, prevLock: entry.lockTx, prevPending: entry.pending };
    entry.lockTx = this;
    entry.pending = pending;
    this.touched.set(entry, table);
    return restore;
  }
}
