import type { ChangeEvent } from '../../model/change-event';
import type { ColumnValue, TableMeta } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { convertRedoValue, parseRedoColumns, type RedoColumnList, type RedoStatementColumns } from '../redo';

/**
 * One DML row + its table definition → a ChangeEvent (seqInTx/txSize are set by the caller):
 *   update "HR"."EMP" set "SAL" = '1200' where "ID" = '7' and "SAL" = '1000';   (columns ID, NAME, SAL)
 *   → op UPDATE, before ['7', undefined, '1000'], after ['7', undefined, '1200']
 * UPDATE after-images start from the before-image (the WHERE names the supplementally logged
 * columns) and take the SET values on top, as Debezium does; a column neither clause names is
 * `undefined` ("not in the redo record"). Columns the redo names but the table no longer has are
 * ignored.
 */

export interface TxInfo {
  xid: string;
  commitScn: bigint;
  commitTimeMs: number;
  userName: string | null;
}

const indexCache = new WeakMap<TableMeta, Map<string, number>>();

export function columnIndex(meta: TableMeta): Map<string, number> {
  let m = indexCache.get(meta);
  if (!m) {
    m = new Map(meta.columns.map((c, i) => [c.name, i]));
    indexCache.set(meta, m);
  }
  return m;
}

export function imageFrom(meta: TableMeta, list: RedoColumnList | null, base?: (ColumnValue | undefined)[]): (ColumnValue | undefined)[] {
  const out: (ColumnValue | undefined)[] = base ? base.slice() : new Array(meta.columns.length).fill(undefined);
  if (!list) return out;
  const idx = columnIndex(meta);
  for (let i = 0; i < list.names.length; i++) {
    const ci = idx.get(list.names[i]!);
    if (ci === undefined) continue;
    out[ci] = convertRedoValue(meta.columns[ci]!, list.values[i]!, list.quoted[i]);
  }
  return out;
}

export function parseDml(row: LogMinerRow): RedoStatementColumns {
  return parseRedoColumns(row.sqlRedo ?? '');
}

export function dmlEvent(row: LogMinerRow, meta: TableMeta, parsed: RedoStatementColumns, tx: TxInfo): ChangeEvent {
  let before: (ColumnValue | undefined)[] | null = null;
  let after: (ColumnValue | undefined)[] | null = null;
  if (parsed.operation === 'INSERT') after = imageFrom(meta, parsed.after);
  else if (parsed.operation === 'DELETE') before = imageFrom(meta, parsed.before);
  else {
    before = imageFrom(meta, parsed.before);
    after = imageFrom(meta, parsed.after, before);
  }
  return baseEvent(parsed.operation, meta, row, tx, before, after);
}

export function baseEvent(
  op: ChangeEvent['op'],
  meta: TableMeta,
  row: LogMinerRow,
  tx: TxInfo,
  before: (ColumnValue | undefined)[] | null,
  after: (ColumnValue | undefined)[] | null,
): ChangeEvent {
  const e: ChangeEvent = {
    op,
    owner: meta.owner,
    table: meta.name,
    columns: meta.columns,
    primaryKey: meta.primaryKey,
    uniqueKeys: meta.uniqueKeys,
    before,
    after,
    scn: row.scn,
    commitScn: tx.commitScn,
    txId: tx.xid,
    seqInTx: 0,
    txSize: 0,
    commitTimeMs: tx.commitTimeMs,
  };
  if (row.rowId) e.rowId = row.rowId;
  const user = tx.userName ?? row.userName;
  if (user) e.userName = user;
  return e;
}

const DDL_OBJECT_RE =
  /^\s*(?:CREATE|ALTER|DROP|TRUNCATE|RENAME|COMMENT\s+ON|ANALYZE)\s+(?:OR\s+REPLACE\s+)?(?:(?:NON)?EDITIONABLE\s+)?(?:GLOBAL\s+TEMPORARY\s+|PRIVATE\s+TEMPORARY\s+|UNIQUE\s+|BITMAP\s+|PUBLIC\s+)?(MATERIALIZED\s+VIEW|PACKAGE\s+BODY|TYPE\s+BODY|TABLE|VIEW|INDEX|SEQUENCE|PROCEDURE|FUNCTION|PACKAGE|TRIGGER|SYNONYM|TYPE|USER|COLUMN)\b/i;

/** 'CREATE OR REPLACE VIEW …' → 'VIEW'; falls back to LogMiner's INFO, else 'UNKNOWN'. */
export function ddlObjectType(sql: string, info?: string | null): string {
  const m = DDL_OBJECT_RE.exec(sql);
  if (m) {
    const t = m[1]!.toUpperCase().replace(/\s+/g, ' ');
    return t === 'COLUMN' ? 'TABLE' : t;
  }
  return info && /^[A-Z ]+$/.test(info) && !/DDL/.test(info) ? info : 'UNKNOWN';
}

/** A DDL row (operation 5) as its own single-event transaction at the DDL's SCN. */
export function ddlEvent(row: LogMinerRow): ChangeEvent {
  const e: ChangeEvent = {
    op: 'DDL',
    owner: row.segOwner ?? row.userName ?? '',
    table: row.tableName ?? '',
    columns: [],
    primaryKey: null,
    uniqueKeys: [],
    before: null,
    after: null,
    scn: row.scn,
    commitScn: row.scn,
    txId: row.xid,
    seqInTx: 1,
    txSize: 1,
    commitTimeMs: row.timestampMs,
    ddl: (row.sqlRedo ?? '').trim().replace(/;\s*$/, ''),
    ddlObjectType: ddlObjectType(row.sqlRedo ?? '', row.info),
  };
  if (row.userName) e.userName = row.userName;
  return e;
}
