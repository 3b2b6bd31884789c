import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { deleteSql, insertSql, lobUndoSql, lobWriteSql, selectLobLocatorSql, splitCsf, updateSql } from './redo-sql';
import { isLob, type SimTable } from './sim-table';
import { deleteWhereColumns, lobLocatorColumns, updateWhereColumns, type EffectiveLogging } from './supplemental';
import type { UndoRecord } from './transaction';

/**
 * LogMiner rows for one change. LOB values are written the way Oracle logs them:
 *   INSERT with EMPTY_CLOB()/EMPTY_BLOB(), then for each non-null LOB either
 *   - an UPDATE `set "BODY" = '…' where <key>` when the value is under 4000 bytes, or
 *   - SELECT_LOB_LOCATOR (9) `DECLARE … BEGIN select "BODY" into loc_c from … for update;`
 *     followed by LOB_WRITE (10) rows ` buf_c := '…';\n  dbms_lob.write(loc_c, 1000, 1, buf_c);`
 *     of 1000 characters (CLOB) or 1000 bytes (BLOB) each.
 * ROW_ID 'AAAAAAAAAAAAAAAAAA' ("none") where Oracle 23ai writes none (Debezium dbz#1960 recordings):
 * transaction control rows; out-of-line LOB rows (SELECT_LOB_LOCATOR, LOB_WRITE); the INSERT of a
 * row with LOB values (the row's ROW_ID comes on the LOB UPDATE after it, or on an INTERNAL row
 * we do not mine); every row of an index-organized table. Undo rows always name the row's ROW_ID
 * (none for an IOT): consumers match them by ROW_ID or by key.
 */

export interface RedoContext {
  xid: string;
  scn: Scn;
  timestampMs: number;
  userName: string;
  logging: EffectiveLogging;
  rowIdInStmt: boolean;
}

export const NO_ROWID = 'AAAAAAAAAAAAAAAAAA';
export const LOB_INLINE_LIMIT_BYTES = 4000;
const LOB_PIECE = 1000;

const OP_NAMES: Record<number, string> = {
  1: 'INSERT',
  2: 'DELETE',
  3: 'UPDATE',
  5: 'DDL',
  6: 'START',
  7: 'COMMIT',
  9: 'SELECT_LOB_LOCATOR',
  10: 'LOB_WRITE',
  36: 'ROLLBACK',
};

/** A redo row as the simulator keeps it: the dictionary version of its table when it was written. */
export interface SimRedoRow extends LogMinerRow {
  objectVersion?: number;
}

export function makeRows(
  ctx: RedoContext,
  op: number,
  sql: string,
  t: { owner: string; name: string; objectId?: number; objectVersion?: number } | null,
  rowId: string,
  rollback: 0 | 1,
  extra: { commitScn?: Scn; info?: string } = {},
): SimRedoRow[] {
  const pieces = splitCsf(sql);
  return pieces.map((piece, i) => ({
    scn: ctx.scn,
    operationCode: op,
    operation: OP_NAMES[op] ?? 'UNSUPPORTED',
    sqlRedo: piece,
    xid: ctx.xid,
    csf: i < pieces.length - 1 ? 1 : 0,
    rowId,
    rollback,
    segOwner: t ? t.owner : null,
    tableName: t ? t.name : null,
    timestampMs: ctx.timestampMs,
    commitScn: extra.commitScn ?? null,
    userName: ctx.userName,
    rsId: '',
    ssn: i,
    ...(extra.info !== undefined ? { info: extra.info } : {}),
    ...(t?.objectId !== undefined ? { objectId: t.objectId, objectVersion: t.objectVersion } : {}),
  }));
}

export function controlRow(ctx: RedoContext, op: 6 | 7 | 36): LogMinerRow {
  const sql = op === 6 ? 'set transaction read write;' : op === 7 ? 'commit;' : 'rollback;';
  return makeRows(ctx, op, sql, null, NO_ROWID, 0, op === 7 ? { commitScn: ctx.scn } : {})[0]!;
}

function lobByteLength(v: ColumnValue): number {
  return v instanceof Uint8Array ? v.length : Buffer.byteLength(String(v), 'utf8');
}

/** The ROW_ID a DML row of `t` carries: none for an index-organized table. */
function dmlRowId(t: SimTable, rowId: string): string {
  return t.indexOrganized ? NO_ROWID : rowId;
}

/** Rows that give LOB columns their values after the row exists (EMPTY_*LOB or a changed LOB). */
function lobRows(ctx: RedoContext, t: SimTable, rowId: string, image: readonly ColumnValue[], lobCols: readonly number[], rollback: 0 | 1): LogMinerRow[] {
  const out: LogMinerRow[] = [];
  const keyCols = lobLocatorColumns(t);
  for (const i of lobCols) {
    const c = t.columns[i]!;
    const v = image[i] ?? null;
    if (v === null || lobByteLength(v) < LOB_INLINE_LIMIT_BYTES) {
      out.push(...makeRows(ctx, 3, updateSql(t, [i], image, keyCols, image, ctx.rowIdInStmt ? rowId : null), t, dmlRowId(t, rowId), rollback));
      continue;
    }
    // Out of line: the locator and its writes name no ROW_ID.
    out.push(...makeRows(ctx, 9, selectLobLocatorSql(t, i, keyCols, image), t, NO_ROWID, rollback));
    if (v instanceof Uint8Array) {
      for (let off = 0; off < v.length; off += LOB_PIECE) {
        out.push(...makeRows(ctx, 10, lobWriteSql(c, v.subarray(off, off + LOB_PIECE), off + 1), t, NO_ROWID, rollback));
      }
    } else {
      const chars = [...String(v)];
      for (let off = 0; off < chars.length; off += LOB_PIECE) {
        out.push(...makeRows(ctx, 10, lobWriteSql(c, chars.slice(off, off + LOB_PIECE).join(''), off + 1), t, NO_ROWID, rollback));
      }
    }
  }
  return out;
}

function nonNullLobs(t: SimTable, image: readonly ColumnValue[]): number[] {
  const out: number[] = [];
  t.columns.forEach((c, i) => {
    if (isLob(c) && (image[i] ?? null) !== null) out.push(i);
  });
  return out;
}

export function insertRedo(ctx: RedoContext, t: SimTable, rowId: string, after: readonly ColumnValue[], rollback: 0 | 1 = 0): LogMinerRow[] {
  const lobs = t.columns.some(isLob) ? nonNullLobs(t, after) : [];
  // An INSERT that gives LOB columns values carries no ROW_ID itself.
  const rows = makeRows(ctx, 1, insertSql(t, after), t, lobs.length > 0 ? NO_ROWID : dmlRowId(t, rowId), rollback);
  if (lobs.length > 0) rows.push(...lobRows(ctx, t, rowId, after, lobs, rollback));
  return rows;
}

export function updateRedo(
  ctx: RedoContext,
  t: SimTable,
  rowId: string,
  before: readonly ColumnValue[],
  after: readonly ColumnValue[],
  changed: readonly number[],
  rollback: 0 | 1 = 0,
): LogMinerRow[] {
  const scalar = changed.filter((i) => !isLob(t.columns[i]!));
  const lobs = changed.filter((i) => isLob(t.columns[i]!));
  const rows: LogMinerRow[] = [];
  if (scalar.length > 0) {
    const where = updateWhereColumns(t, scalar, ctx.logging);
    rows.push(...makeRows(ctx, 3, updateSql(t, scalar, after, where, before, ctx.rowIdInStmt ? rowId : null), t, dmlRowId(t, rowId), rollback));
  }
  if (lobs.length > 0) rows.push(...lobRows(ctx, t, rowId, after, lobs, rollback));
  return rows;
}

export function deleteRedo(ctx: RedoContext, t: SimTable, rowId: string, before: readonly ColumnValue[], rollback: 0 | 1 = 0): LogMinerRow[] {
  return makeRows(ctx, 2, deleteSql(t, deleteWhereColumns(t), before, ctx.rowIdInStmt ? rowId : null), t, dmlRowId(t, rowId), rollback);
}

/**
 * Rows Oracle writes while applying undo (ROLLBACK=1): one inverse statement of `rec`, with the
 * row's ROW_ID. LOB data is never re-written by undo: an UPDATE that changed only LOB columns is
 * undone by an UPDATE naming those columns (value: the old one when it was short enough to be
 * logged inline, else the EMPTY_*LOB() placeholder) — a marker consumers match to the undone
 * change, by ROW_ID or by key, and never apply.
 */
export function compensationRedo(ctx: RedoContext, rec: UndoRecord): LogMinerRow[] {
  const t = rec.table;
  switch (rec.op) {
    case 'INSERT':
      return deleteRedo(ctx, t, rec.rowId, rec.after!, 1);
    case 'DELETE':
      return makeRows(ctx, 1, insertSql(t, rec.before!), t, dmlRowId(t, rec.rowId), 1);
    case 'UPDATE': {
      const scalar = rec.changed.filter((i) => !isLob(t.columns[i]!));
      if (scalar.length > 0) {
        const where = updateWhereColumns(t, scalar, ctx.logging);
        return makeRows(ctx, 3, updateSql(t, scalar, rec.before!, where, rec.after!, ctx.rowIdInStmt ? rec.rowId : null), t, dmlRowId(t, rec.rowId), 1);
      }
      const sql = lobUndoSql(t, rec.changed, rec.before!, lobLocatorColumns(t), ctx.rowIdInStmt ? rec.rowId : null, LOB_INLINE_LIMIT_BYTES);
      return makeRows(ctx, 3, sql, t, dmlRowId(t, rec.rowId), 1);
    }
  }
}
