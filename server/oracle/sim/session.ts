import type { ColumnValue } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { Op } from '../logminer/operation-codes';
import { oraError } from '../errors';
import type { SimUser } from './schemas-and-users';
import { applyDdl } from './ddl-apply';
import { rowNumOfRowId } from './identifiers';
import { addVersion, type RowEntry } from './row-store';
import type { SimDatabase } from './sim-database';
import type { SimTable } from './sim-table';
import { SimTransaction, type UndoRecord } from './transaction';
import { compensationRedo, controlRow, deleteRedo, insertRedo, makeRows, NO_ROWID, updateRedo, type RedoContext } from './tx-redo';
import { normalizeRow, normalizeValue, type LooseValue } from './value-normalize';
import { keyString } from './value-compare';

/** INFO LogMiner prints on the DDL row of a statement a user ran. */
export const USER_DDL_INFO = 'USER DDL (PlSql=0 RecDep=0)';

export type RowInput = readonly LooseValue[] | Record<string, LooseValue>;
/** Identity-key values by column name, or `{ ROWID: '…' }`. */
export type KeyInput = Record<string, LooseValue>;

/**
 * A database session: DML opens a transaction implicitly (its XID and START row come with the
 * first change), COMMIT/ROLLBACK end it, SAVEPOINT/ROLLBACK TO undo part of it, DDL commits it
 * first and then commits itself. A row locked by another session raises ORA-00054 instead of
 * waiting (callers pick another row).
 */
export class SimSession {
  private tx: SimTransaction | null = null;

  constructor(
    readonly db: SimDatabase,
    readonly user: SimUser,
    /** RAC instance the session is connected to. */
    readonly instance = 1,
  ) {}

  get transaction(): SimTransaction | null {
    return this.tx;
  }

  insert(owner: string, table: string, row: RowInput): string {
    const t = this.db.table(owner, table);
    const image = normalizeRow(t, row);
    this.checkNotNull(t, image);
    const k = t.keyOf(image);
    let entry = k ? t.store.get(k.key) : undefined;
    if (entry && this.currentImage(t, entry) !== null) {
      throw oraError('ORA-00001', `unique constraint (${owner}.${t.primaryKey?.name ?? t.uniqueKeys[0]?.name}) violated`);
    }
    entry ??= t.newEntry(image);
    const rowId = t.rowId(entry);
    this.change(t, (tx, ctx) => {
      const restore = tx.lock(t, entry!, image);
      return { rec: { table: t, op: 'INSERT', rowId, before: null, after: image, changed: [], restores: [restore] }, rows: insertRedo(ctx, t, rowId, image) };
    });
    return rowId;
  }

  /**
   * INSERT /*+ APPEND *\/ … ; COMMIT — a direct-path load. Into a NOLOGGING table while the
   * database is not in FORCE LOGGING mode it writes no row redo: LogMiner never sees these rows.
   */
  insertAppend(owner: string, table: string, rows: RowInput[]): void {
    const t = this.db.table(owner, table);
    this.commit();
    if (!t.logging && !this.db.forceLogging) {
      this.db.loadRows(owner, table, rows.map((r) => normalizeRow(t, r)));
      return;
    }
    for (const r of rows) this.insert(owner, table, r);
    this.commit();
  }

  /** Updates the row with this key; false when no such row (0 rows updated). */
  update(owner: string, table: string, key: KeyInput, changes: Record<string, LooseValue>): boolean {
    const t = this.db.table(owner, table);
    const entry = this.find(t, key);
    const before = entry ? this.currentImage(t, entry) : null;
    if (!entry || before === null) return false;
    const after = [...before];
    const changed: number[] = [];
    for (const [name, v] of Object.entries(changes)) {
      const i = t.columnIndex(name);
      if (i < 0) throw oraError('ORA-00904', `"${name}": invalid identifier`);
      after[i] = normalizeValue(t.columns[i]!, v);
      changed.push(i);
    }
    changed.sort((a, b) => a - b);
    this.checkNotNull(t, after);
    const newKey = t.keyOf(after);
    const rowId = t.rowId(entry);
    this.change(t, (tx, ctx) => {
      const restores = [];
      if (newKey && newKey.key !== entry.key) {
        // Key change: the row moves in key order; keep the old position as a deleted image.
        let target = t.store.get(newKey.key);
        if (target && this.currentImage(t, target) !== null) throw oraError('ORA-00001', `unique constraint (${owner}.${t.primaryKey?.name}) violated`);
        target ??= t.store.create(newKey.key, newKey.keyValues);
        restores.push(tx.lock(t, entry, null), tx.lock(t, target, after));
      } else restores.push(tx.lock(t, entry, after));
      const rec: UndoRecord = { table: t, op: 'UPDATE', rowId, before, after, changed, restores };
      return { rec, rows: updateRedo(ctx, t, rowId, before, after, changed) };
    });
    return true;
  }

  delete(owner: string, table: string, key: KeyInput): boolean {
    const t = this.db.table(owner, table);
    const entry = this.find(t, key);
    const before = entry ? this.currentImage(t, entry) : null;
    if (!entry || before === null) return false;
    const rowId = t.rowId(entry);
    this.change(t, (tx, ctx) => {
      const restore = tx.lock(t, entry, null);
      return { rec: { table: t, op: 'DELETE', rowId, before, after: null, changed: [], restores: [restore] }, rows: deleteRedo(ctx, t, rowId, before) };
    });
    return true;
  }

  /** The row as this session sees it (its own uncommitted changes included). */
  get(owner: string, table: string, key: KeyInput): ColumnValue[] | null {
    const t = this.db.table(owner, table);
    const entry = this.find(t, key);
    if (!entry) return null;
    if (entry.lockTx !== null && entry.lockTx !== this.tx) return t.latest(entry);
    return this.currentImage(t, entry);
  }

  savepoint(name: string): void {
    if (this.tx) this.tx.savepoints.set(name.toUpperCase(), this.tx.undo.length);
    else this.pendingSavepoints.add(name.toUpperCase());
  }

  /** ROLLBACK TO SAVEPOINT: undoes later changes, writing their compensation rows (ROLLBACK=1). */
  rollbackTo(name: string): void {
    const sp = name.toUpperCase();
    if (!this.tx) {
      if (this.pendingSavepoints.has(sp)) return;
      throw oraError('ORA-01086', `savepoint '${sp}' never established in this session or is invalid`);
    }
    const mark = this.tx.savepoints.get(sp) ?? (this.pendingSavepoints.has(sp) ? 0 : undefined);
    if (mark === undefined) throw oraError('ORA-01086', `savepoint '${sp}' never established in this session or is invalid`);
    this.undoDownTo(this.tx, mark);
    for (const [n, m] of this.tx.savepoints) if (m > mark) this.tx.savepoints.delete(n);
  }

  commit(): void {
    const tx = this.tx;
    this.tx = null;
    this.pendingSavepoints.clear();
    if (!tx) return;
    const ctx = this.ctx(tx, null);
    const horizon = this.db.undoHorizon();
    for (const [entry, table] of tx.touched) {
      if (entry.lockTx !== tx) continue;
      const pending = entry.pending;
      entry.lockTx = null;
      entry.pending = null;
      if (pending === null && entry.scn === null) continue; // inserted and deleted inside the transaction
      addVersion(entry, ctx.scn, pending === null ? null : table.codec.pack(pending), horizon);
    }
    this.db.openTx.delete(tx.xid);
    this.db.appendRedo([controlRow(ctx, Op.COMMIT)], this.instance);
  }

  rollback(): void {
    const tx = this.tx;
    this.tx = null;
    this.pendingSavepoints.clear();
    if (!tx) return;
    this.undoDownTo(tx, 0);
    this.db.openTx.delete(tx.xid);
    this.db.appendRedo([controlRow(this.ctx(tx, null), Op.ROLLBACK)], this.instance);
  }

  /** Runs one DDL statement: commits the open transaction, changes the dictionary, logs a DDL row. */
  ddl(sqlText: string): void {
    this.commit();
    const text = sqlText.trim().replace(/;\s*$/, '');
    const result = applyDdl(this.db, this.user.name, text);
    const xid = this.db.xids.next();
    const startScn = this.db.scn.next();
    const base = { xid, timestampMs: this.db.clock.nowMs(), userName: this.user.name, logging: this.db.logging, rowIdInStmt: false, ...this.container() };
    const ref = { owner: result.owner, name: result.name };
    const start = controlRow({ ...base, scn: startScn }, Op.START);
    const ddlRows = makeRows({ ...base, scn: startScn }, Op.DDL, text, ref, NO_ROWID, 0, { info: USER_DDL_INFO });
    this.db.appendRedo([start, ...ddlRows], this.instance);
    this.db.appendRedo([controlRow({ ...base, scn: this.db.scn.next() }, Op.COMMIT)], this.instance);
  }

  /**
   * DDL Oracle runs by itself (a partition an interval-partitioned table adds on insert, an index
   * rebuild inside maintenance): logged like user DDL but with INFO 'INTERNAL DDL', in its own
   * transaction. The dictionary is not changed here; this only writes the redo.
   */
  internalDdl(owner: string, table: string, sqlText: string): void {
    const xid = this.db.xids.next();
    const base = { xid, timestampMs: this.db.clock.nowMs(), userName: 'SYS', logging: this.db.logging, rowIdInStmt: false };
    const scn = this.db.scn.next();
    const rows = makeRows({ ...base, scn }, Op.DDL, sqlText.trim().replace(/;\s*$/, ''), { owner, name: table }, NO_ROWID, 0, { info: 'INTERNAL DDL' });
    this.db.appendRedo([controlRow({ ...base, scn }, Op.START), ...rows], this.instance);
    this.db.appendRedo([controlRow({ ...base, scn: this.db.scn.next() }, Op.COMMIT)], this.instance);
  }

  private readonly pendingSavepoints = new Set<string>();
  /** SCN shared by every change of the statement `statement()` is running. */
  private statementScn: bigint | null = null;

  /**
   * Runs `fn` as one SQL statement: every row it changes gets the same SCN, as the redo of one bulk
   * `UPDATE … SET SALARY = SALARY + 1` (millions of rows, one SCN) does — so no mining window,
   * however small, splits it.
   */
  statement<T>(fn: () => T): T {
    if (this.statementScn !== null) return fn();
    this.statementScn = this.db.scn.next();
    try {
      return fn();
    } finally {
      this.statementScn = null;
    }
  }

  private change(t: SimTable, apply: (tx: SimTransaction, ctx: RedoContext) => { rec: UndoRecord; rows: LogMinerRow[] }): void {
    // A log switch in the middle of a statement moves its later redo to the switch's SCN or above
    // (a log holds no SCN below its FIRST_CHANGE#), as Oracle's current SCN moved on.
    if (this.statementScn !== null && this.statementScn < this.db.redo.currentFirstScn(this.instance)) this.statementScn = this.db.scn.next();
    const scn = this.statementScn ?? this.db.scn.next();
    let tx = this.tx;
    const rows: LogMinerRow[] = [];
    if (!tx) {
      tx = new SimTransaction(this.db.xids.next(), scn, this.db.clock.nowMs(), this.user.name, this.instance);
      for (const sp of this.pendingSavepoints) tx.savepoints.set(sp, 0);
      this.pendingSavepoints.clear();
      this.tx = tx;
      this.db.openTx.set(tx.xid, tx);
      rows.push(controlRow(this.ctx(tx, t, scn), Op.START));
    }
    const ctx = this.ctx(tx, t, scn);
    const { rec, rows: changeRows } = apply(tx, ctx);
    tx.undo.push(rec);
    rows.push(...changeRows);
    this.db.appendRedo(rows, this.instance);
  }

  private undoDownTo(tx: SimTransaction, mark: number): void {
    while (tx.undo.length > mark) {
      const rec = tx.undo.pop()!;
      const ctx = this.ctx(tx, rec.table);
      this.db.appendRedo(compensationRedo(ctx, rec), this.instance);
      for (let i = rec.restores.length - 1; i >= 0; i--) {
        const r = rec.restores[i]!;
        r.entry.lockTx = r.prevLock;
        r.entry.pending = r.prevPending;
      }
    }
  }

  private ctx(tx: SimTransaction, t: SimTable | null, scn = this.db.scn.next()): RedoContext {
    return {
      xid: tx.xid,
      scn,
      timestampMs: this.db.clock.nowMs(),
      userName: this.user.name,
      logging: t ? this.db.effectiveLogging(t) : this.db.logging,
      rowIdInStmt: this.db.rowIdInStmt,
      ...this.container(),
    };
  }

  /** Redo of a CDB carries the container the change was made in (SRC_CON_NAME, CON_ID). */
  private container(): Pick<RedoContext, 'container'> {
    return this.db.conName === null ? {} : { container: { name: this.db.conName, id: this.db.conId } };
  }

  private currentImage(t: SimTable, entry: RowEntry): ColumnValue[] | null {
    if (entry.lockTx === null) return t.latest(entry);
    if (entry.lockTx === this.tx) return entry.pending;
    throw oraError('ORA-00054', 'resource busy and acquire with NOWAIT specified or timeout expired', {
      retriable: true,
      hint: `The row is locked by open transaction ${entry.lockTx.xid}.`,
    });
  }

  private find(t: SimTable, key: KeyInput): RowEntry | undefined {
    const rowIdText = key['ROWID'];
    if (typeof rowIdText === 'string') {
      const rowNum = rowNumOfRowId(rowIdText);
      const direct = t.store.get(`#${rowNum}`);
      return direct ?? t.store.entries().find((e) => e.rowNum === rowNum);
    }
    const cols = t.keyColumns();
    if (!cols) throw oraError('ORA-01410', 'invalid ROWID', { hint: `${t.owner}.${t.name} has no key: address rows by { ROWID }.` });
    const values = cols.map((c) => normalizeValue(t.column(c)!, key[c]));
    return t.store.get(keyString(values));
  }

  private checkNotNull(t: SimTable, image: readonly ColumnValue[]): void {
    t.columns.forEach((c, i) => {
      if (!c.nullable && image[i] === null) throw oraError('ORA-01400', `cannot insert NULL into ("${t.owner}"."${t.name}"."${c.name}")`);
    });
  }
}
