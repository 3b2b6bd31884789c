import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { Op, OPERATION_NAMES, type OpCode } from '../logminer/operation-codes';
import { deleteSql, EXTENDED_END_SQL, extendedBeginSql, extendedWriteSql, insertSql, lobUndoSql, lobWriteSql, selectLobLocatorSql, splitCsf, updateSql, XML_END_SQL, xmlBeginSql, xmlWriteSql } from './redo-sql';
import { isExtendedValue, isLob, isXml, type SimTable } from './sim-table';
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
  /** In a CDB: the container the change was made in (V$LOGMNR_CONTENTS.SRC_CON_NAME / CON_ID). */
  container?: { name: string; id: number };
}

export const NO_ROWID = 'AAAAAAAAAAAAAAAAAA';
export const LOB_INLINE_LIMIT_BYTES = 4000;
const LOB_PIECE = 1000;

/** A redo row as the simulator keeps it: the dictionary version of its table when it was written. */
export interface SimRedoRow extends LogMinerRow {
  objectVersion?: number;
}

/**
 * LogMiner does not mine tables with a BFILE column (nor object types, nested tables, VARRAY, REF,
 * ANYDATA…, which the simulator cannot create): their DML appears only as OPERATION 'UNSUPPORTED'
 * (code 255) with SQL_REDO 'Unsupported' — the change itself is not recoverable from redo.
 */
const unminable = (t: SimTable): boolean => t.columns.some((c) => c.type === 'BFILE');
const unsupportedRedo = (ctx: RedoContext, t: SimTable, rowId: string, rollback: 0 | 1): LogMinerRow[] => makeRows(ctx, Op.UNSUPPORTED, 'Unsupported', t, rowId, rollback);

export function makeRows(
  ctx: RedoContext,
  op: OpCode,
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
    operation: OPERATION_NAMES[op],
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
    ...(ctx.container ? { srcConName: ctx.container.name, conId: ctx.container.id } : {}),
  }));
}

export function controlRow(ctx: RedoContext, op: typeof Op.START | typeof Op.COMMIT | typeof Op.ROLLBACK): LogMinerRow {
  const sql = op === Op.START ? 'set transaction read write;' : op === Op.COMMIT ? 'commit;' : 'rollback;';
  return makeRows(ctx, op, sql, null, NO_ROWID, 0, op === Op.COMMIT ? { commitScn: ctx.scn } : {})[0]!;
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
      out.push(...makeRows(ctx, Op.UPDATE, updateSql(t, [i], image, keyCols, image, ctx.rowIdInStmt ? rowId : null), t, dmlRowId(t, rowId), rollback));
      continue;
    }
    // Out of line: the locator and its writes name no ROW_ID.
    out.push(...makeRows(ctx, Op.SELECT_LOB_LOCATOR, selectLobLocatorSql(t, i, keyCols, image), t, NO_ROWID, rollback));
    if (v instanceof Uint8Array) {
      for (let off = 0; off < v.length; off += LOB_PIECE) {
        out.push(...makeRows(ctx, Op.LOB_WRITE, lobWriteSql(c, v.subarray(off, off + LOB_PIECE), off + 1), t, NO_ROWID, rollback));
      }
    } else {
      const chars = [...String(v)];
      for (let off = 0; off < chars.length; off += LOB_PIECE) {
        out.push(...makeRows(ctx, Op.LOB_WRITE, lobWriteSql(c, chars.slice(off, off + LOB_PIECE).join(''), off + 1), t, NO_ROWID, rollback));
      }
    }
  }
  return out;
}

/** XML DOC BEGIN / WRITE… / END for each XMLTYPE column given (non-null values). */
function xmlRows(ctx: RedoContext, t: SimTable, image: readonly ColumnValue[], cols: readonly number[], rollback: 0 | 1): LogMinerRow[] {
  const out: LogMinerRow[] = [];
  const keyCols = lobLocatorColumns(t);
  for (const i of cols) {
    const doc = String(image[i]);
    out.push(...makeRows(ctx, Op.XML_BEGIN, xmlBeginSql(t, i, keyCols, image), t, NO_ROWID, rollback));
    const bytes = Buffer.from(doc, 'utf8');
    if (bytes.length <= LOB_INLINE_LIMIT_BYTES) out.push(...makeRows(ctx, Op.XML_WRITE, xmlWriteSql(doc), t, NO_ROWID, rollback));
    else for (let off = 0; off < bytes.length; off += LOB_PIECE) out.push(...makeRows(ctx, Op.XML_WRITE, xmlWriteSql(bytes.subarray(off, off + LOB_PIECE)), t, NO_ROWID, rollback));
    out.push(...makeRows(ctx, Op.XML_END, XML_END_SQL, t, NO_ROWID, rollback));
  }
  return out;
}

/** 32K_BEGIN / WRITE… / END for each VARCHAR2/RAW value over 4,000 bytes given. */
function extendedRows(ctx: RedoContext, t: SimTable, image: readonly ColumnValue[], cols: readonly number[], rollback: 0 | 1): LogMinerRow[] {
  const out: LogMinerRow[] = [];
  const keyCols = lobLocatorColumns(t);
  for (const i of cols) {
    const v = image[i]!;
    out.push(...makeRows(ctx, Op.EXTENDED_STRING_BEGIN, extendedBeginSql(t, i, keyCols, image), t, NO_ROWID, rollback));
    if (v instanceof Uint8Array) for (let off = 0; off < v.length; off += LOB_PIECE) out.push(...makeRows(ctx, Op.EXTENDED_STRING_WRITE, extendedWriteSql(v.subarray(off, off + LOB_PIECE)), t, NO_ROWID, rollback));
    else {
      const chars = [...String(v)];
      for (let off = 0; off < chars.length; off += LOB_PIECE) out.push(...makeRows(ctx, Op.EXTENDED_STRING_WRITE, extendedWriteSql(chars.slice(off, off + LOB_PIECE).join('')), t, NO_ROWID, rollback));
    }
    out.push(...makeRows(ctx, Op.EXTENDED_STRING_END, EXTENDED_END_SQL, t, NO_ROWID, rollback));
  }
  return out;
}

/** Columns whose values the redo carries apart from the DML row: LOBs, XML documents, extended strings. */
function writtenApart(t: SimTable, image: readonly ColumnValue[], cols: readonly number[]): { lobs: number[]; xmls: number[]; extended: number[] } {
  const lobs: number[] = [];
  const xmls: number[] = [];
  const extended: number[] = [];
  for (const i of cols) {
    const c = t.columns[i]!;
    const v = image[i] ?? null;
    if (isLob(c)) lobs.push(i);
    else if (isXml(c) && v !== null) xmls.push(i);
    else if (isExtendedValue(c, v)) extended.push(i);
  }
  return { lobs, xmls, extended };
}

export function insertRedo(ctx: RedoContext, t: SimTable, rowId: string, after: readonly ColumnValue[], rollback: 0 | 1 = 0): LogMinerRow[] {
  if (unminable(t)) return unsupportedRedo(ctx, t, rowId, rollback);
  const all = t.columns.map((_, i) => i);
  const apart = writtenApart(t, after, all);
  apart.lobs = apart.lobs.filter((i) => (after[i] ?? null) !== null);
  const anyApart = apart.lobs.length + apart.xmls.length + apart.extended.length > 0;
  // An INSERT whose values are partly written apart carries no ROW_ID itself.
  const rows = makeRows(ctx, Op.INSERT, insertSql(t, after), t, anyApart ? NO_ROWID : dmlRowId(t, rowId), rollback);
  if (apart.lobs.length > 0) rows.push(...lobRows(ctx, t, rowId, after, apart.lobs, rollback));
  rows.push(...extendedRows(ctx, t, after, apart.extended, rollback), ...xmlRows(ctx, t, after, apart.xmls, rollback));
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
  if (unminable(t)) return unsupportedRedo(ctx, t, rowId, rollback);
  const scalar = changed.filter((i) => !isLob(t.columns[i]!) && !isXml(t.columns[i]!));
  const apart = writtenApart(t, after, changed);
  const rows: LogMinerRow[] = [];
  if (scalar.length > 0) {
    const where = updateWhereColumns(t, scalar, ctx.logging);
    rows.push(...makeRows(ctx, Op.UPDATE, updateSql(t, scalar, after, where, before, ctx.rowIdInStmt ? rowId : null), t, dmlRowId(t, rowId), rollback));
  }
  if (apart.lobs.length > 0) rows.push(...lobRows(ctx, t, rowId, after, apart.lobs, rollback));
  rows.push(...extendedRows(ctx, t, after, apart.extended, rollback), ...xmlRows(ctx, t, after, apart.xmls, rollback));
  return rows;
}

export function deleteRedo(ctx: RedoContext, t: SimTable, rowId: string, before: readonly ColumnValue[], rollback: 0 | 1 = 0): LogMinerRow[] {
  if (unminable(t)) return unsupportedRedo(ctx, t, rowId, rollback);
  return makeRows(ctx, Op.DELETE, deleteSql(t, deleteWhereColumns(t), before, ctx.rowIdInStmt ? rowId : null), t, dmlRowId(t, rowId), rollback);
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
  if (unminable(t)) return unsupportedRedo(ctx, t, rec.rowId, 1);
  switch (rec.op) {
    case 'INSERT':
      return deleteRedo(ctx, t, rec.rowId, rec.after!, 1);
    case 'DELETE':
      return makeRows(ctx, Op.INSERT, insertSql(t, rec.before!), t, dmlRowId(t, rec.rowId), 1);
    case 'UPDATE': {
      const scalar = rec.changed.filter((i) => !isLob(t.columns[i]!) && !isXml(t.columns[i]!));
      if (scalar.length > 0) {
        const where = updateWhereColumns(t, scalar, ctx.logging);
        return makeRows(ctx, Op.UPDATE, updateSql(t, scalar, rec.before!, where, rec.after!, ctx.rowIdInStmt ? rec.rowId : null), t, dmlRowId(t, rec.rowId), 1);
      }
      const sql = lobUndoSql(t, rec.changed, rec.before!, lobLocatorColumns(t), ctx.rowIdInStmt ? rec.rowId : null, LOB_INLINE_LIMIT_BYTES);
      return makeRows(ctx, Op.UPDATE, sql, t, dmlRowId(t, rec.rowId), 1);
    }
  }
}
