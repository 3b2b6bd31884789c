import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { deleteSql, insertSql, lobWriteSql, selectLobLocatorSql, splitCsf, updateSql } from './redo-sql';
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
 * Transaction control rows use ROW_ID 'AAAAAAAAAAAAAAAAAA' like real LogMiner.
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
  255: 'UNSUPPORTED',
};

/**
 * LogMiner does not mine tables with a BFILE column (nor object types, nested tables, VARRAY, REF,
 * ANYDATA…, which the simulator cannot create): their DML appears only as OPERATION 'UNSUPPORTED'
 * (code 255) with SQL_REDO 'Unsupported' — the change itself is not recoverable from redo.
 */
const unminable = (t: SimTable): boolean => t.columns.some((c) => c.type === 'BFILE');
const unsupportedRedo = (ctx: RedoContext, t: SimTable, rowId: string, rollback: 0 | 1): LogMinerRow[] => makeRows(ctx, 255, 'Unsupported', t, rowId, rollback);

export function makeRows(
  ctx: RedoContext,
  op: number,
  sql: string,
  t: { owner: string; name: string } | null,
  rowId: string,
  rollback: 0 | 1,
  extra: { commitScn?: Scn; info?: string } = {},
): LogMinerRow[] {
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
    ...(ctx.container ? { srcConName: ctx.container.name, conId: ctx.container.id } : {}),
  }));
}

export function controlRow(ctx: RedoContext, op: 6 | 7 | 36): LogMinerRow {
  const sql = op === 6 ? 'set transaction read write;' : op === 7 ? 'commit;' : 'rollback;';
  return makeRows(ctx, op, sql, null, NO_ROWID, 0, op === 7 ? { commitScn: ctx.scn } : {})[0]!;
}

function lobByteLength(v: ColumnValue): number {
  return v instanceof Uint8Array ? v.length : Buffer.byteLength(String(v), 'utf8');
}

/** Rows that give LOB columns their values after the row exists (EMPTY_*LOB or a changed LOB). */
function lobRows(ctx: RedoContext, t: SimTable, rowId: string, image: readonly ColumnValue[], lobCols: readonly number[], rollback: 0 | 1): LogMinerRow[] {
  const out: LogMinerRow[] = [];
  const keyCols = lobLocatorColumns(t);
  for (const i of lobCols) {
    const c = t.columns[i]!;
    const v = image[i] ?? null;
    if (v === null || lobByteLength(v) < LOB_INLINE_LIMIT_BYTES) {
      out.push(...makeRows(ctx, 3, updateSql(t, [i], image, keyCols, image, ctx.rowIdInStmt ? rowId : null), t, rowId, rollback));
      continue;
    }
    out.push(...makeRows(ctx, 9, selectLobLocatorSql(t, i, keyCols, image), t, rowId, rollback));
    if (v instanceof Uint8Array) {
      for (let off = 0; off < v.length; off += LOB_PIECE) {
        out.push(...makeRows(ctx, 10, lobWriteSql(c, v.subarray(off, off + LOB_PIECE), off + 1), t, rowId, rollback));
      }
    } else {
      const chars = [...String(v)];
      for (let off = 0; off < chars.length; off += LOB_PIECE) {
        out.push(...makeRows(ctx, 10, lobWriteSql(c, chars.slice(off, off + LOB_PIECE).join(''), off + 1), t, rowId, rollback));
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
  if (unminable(t)) return unsupportedRedo(ctx, t, rowId, rollback);
  const rows = makeRows(ctx, 1, insertSql(t, after), t, rowId, rollback);
  if (t.columns.some(isLob)) rows.push(...lobRows(ctx, t, rowId, after, nonNullLobs(t, after), rollback));
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
  const scalar = changed.filter((i) => !isLob(t.columns[i]!));
  const lobs = changed.filter((i) => isLob(t.columns[i]!));
  const rows: LogMinerRow[] = [];
  if (scalar.length > 0) {
    const where = updateWhereColumns(t, scalar, ctx.logging);
    rows.push(...makeRows(ctx, 3, updateSql(t, scalar, after, where, before, ctx.rowIdInStmt ? rowId : null), t, rowId, rollback));
  }
  if (lobs.length > 0) rows.push(...lobRows(ctx, t, rowId, after, lobs, rollback));
  return rows;
}

export function deleteRedo(ctx: RedoContext, t: SimTable, rowId: string, before: readonly ColumnValue[], rollback: 0 | 1 = 0): LogMinerRow[] {
  if (unminable(t)) return unsupportedRedo(ctx, t, rowId, rollback);
  return makeRows(ctx, 2, deleteSql(t, deleteWhereColumns(t), before, ctx.rowIdInStmt ? rowId : null), t, rowId, rollback);
}

/**
 * Rows Oracle writes while applying undo (ROLLBACK=1): the inverse statement of `rec`. LOB data is
 * not re-written by compensation rows (consumers match them to the undone change by ROW_ID).
 */
export function compensationRedo(ctx: RedoContext, rec: UndoRecord): LogMinerRow[] {
  const t = rec.table;
  if (unminable(t)) return unsupportedRedo(ctx, t, rec.rowId, 1);
  switch (rec.op) {
    case 'INSERT':
      return deleteRedo(ctx, t, rec.rowId, rec.after!, 1);
    case 'DELETE':
      return makeRows(ctx, 1, insertSql(t, rec.before!), t, rec.rowId, 1);
    case 'UPDATE': {
      const scalar = rec.changed.filter((i) => !isLob(t.columns[i]!));
      if (scalar.length === 0) return [];
      const where = updateWhereColumns(t, scalar, ctx.logging);
      return makeRows(ctx, 3, updateSql(t, scalar, rec.before!, where, rec.after!, ctx.rowIdInStmt ? rec.rowId : null), t, rec.rowId, 1);
    }
  }
}
