import type { ColumnMeta, ColumnValue } from '../../model/oracle-types';
import { parseRedoColumns, quote } from '../redo';
import { formatRedoLiteral } from './redo-literal';
import { isExtendedValue, isLob, isXml, type SimTable } from './sim-table';

/**
 * SQL_REDO text exactly as LogMiner prints it (mined with NO_ROWID_IN_STMT unless `rowIdInStmt`):
 *   insert into "HR"."EMP"("ID","NAME") values ('1','Acme');
 *   update "HR"."EMP" set "NAME" = 'Bob' where "ID" = '1' and "NAME" = 'Acme';
 *   delete from "HR"."EMP" where "ID" = '1' and "NAME" = 'Acme';
 * With rowIdInStmt the WHERE ends with ` and ROWID = 'AAAR3sAAEAAAACXAAA'` (or is only
 * `where ROWID = '…'`). LOB columns never appear in WHERE clauses.
 */

const q = (name: string): string => `"${name}"`;

export function tableRef(t: SimTable): string {
  return `${q(t.owner)}.${q(t.name)}`;
}

function lobPlaceholder(c: ColumnMeta, v: ColumnValue): string {
  if (v === null) return 'NULL';
  return c.type === 'BLOB' ? 'EMPTY_BLOB()' : 'EMPTY_CLOB()';
}

/** LogMiner's stand-in for a VARCHAR2/RAW value over 4,000 bytes in a DML row (the value follows in 32K rows). */
export const EXTENDED_PLACEHOLDER = 'LM_EMPTY_STRING';

/** A value as a DML row prints it: LOB placeholders, LM_EMPTY_STRING for an extended string, else the literal. */
function valueText(c: ColumnMeta, v: ColumnValue): string {
  if (isLob(c)) return lobPlaceholder(c, v);
  if (isExtendedValue(c, v)) return EXTENDED_PLACEHOLDER;
  return formatRedoLiteral(c, v);
}

/** INSERT of every column — except non-null XMLTYPE values, which follow in XML DOC rows. */
export function insertSql(t: SimTable, values: readonly ColumnValue[]): string {
  const names: string[] = [];
  const vals: string[] = [];
  t.columns.forEach((c, i) => {
    const v = values[i] ?? null;
    if (isXml(c) && v !== null) return;
    names.push(q(c.name));
    vals.push(valueText(c, v));
  });
  return `insert into ${tableRef(t)}(${names.join(',')}) values (${vals.join(',')});`;
}

export function whereClause(t: SimTable, cols: readonly number[], values: readonly ColumnValue[], rowId: string | null): string {
  const parts: string[] = [];
  for (const i of cols) {
    const c = t.columns[i]!;
    const v = values[i] ?? null;
    parts.push(v === null ? `${q(c.name)} IS NULL` : `${q(c.name)} = ${formatRedoLiteral(c, v)}`);
  }
  if (rowId !== null) parts.push(`ROWID = '${rowId}'`);
  return parts.length === 0 ? '' : ` where ${parts.join(' and ')}`;
}

export function updateSql(
  t: SimTable,
  setCols: readonly number[],
  newValues: readonly ColumnValue[],
  whereCols: readonly number[],
  oldValues: readonly ColumnValue[],
  rowId: string | null,
): string {
  const sets = setCols.map((i) => `${q(t.columns[i]!.name)} = ${isExtendedValue(t.columns[i]!, newValues[i]) ? EXTENDED_PLACEHOLDER : formatRedoLiteral(t.columns[i]!, newValues[i] ?? null)}`);
  return `update ${tableRef(t)} set ${sets.join(', ')}${whereClause(t, whereCols, oldValues, rowId)};`;
}

/**
 * The compensating UPDATE that undoes an UPDATE of LOB columns only: it names those columns with
 * their old value when it was short enough to be logged inline (under `inlineLimitBytes`), else
 * the EMPTY_*LOB() placeholder — LOB data itself is never re-written by undo.
 */
export function lobUndoSql(t: SimTable, lobCols: readonly number[], oldValues: readonly ColumnValue[], keyCols: readonly number[], rowId: string | null, inlineLimitBytes: number): string {
  const sets = lobCols.map((i) => {
    const c = t.columns[i]!;
    const v = oldValues[i] ?? null;
    const size = v === null ? 0 : v instanceof Uint8Array ? v.length : Buffer.byteLength(String(v), 'utf8');
    if (isXml(c)) return `${q(c.name)} = ${v === null ? 'NULL' : 'EMPTY_CLOB()'}`;
    return `${q(c.name)} = ${size >= inlineLimitBytes ? lobPlaceholder(c, v) : formatRedoLiteral(c, v)}`;
  });
  return `update ${tableRef(t)} set ${sets.join(', ')}${whereClause(t, keyCols, oldValues, rowId)};`;
}

export function deleteSql(t: SimTable, whereCols: readonly number[], oldValues: readonly ColumnValue[], rowId: string | null): string {
  return `delete from ${tableRef(t)}${whereClause(t, whereCols, oldValues, rowId)};`;
}

/** SELECT_LOB_LOCATOR (operation 9): the PL/SQL block header LogMiner prints before LOB_WRITE rows. */
export function selectLobLocatorSql(t: SimTable, lobCol: number, keyCols: readonly number[], values: readonly ColumnValue[]): string {
  const c = t.columns[lobCol]!;
  const loc = c.type === 'BLOB' ? 'loc_b' : c.type === 'NCLOB' ? 'loc_nc' : 'loc_c';
  return (
    'DECLARE loc_c CLOB; buf_c VARCHAR2(6174); loc_b BLOB; buf_b RAW(6174); loc_nc NCLOB; buf_nc NVARCHAR2(6174); ' +
    `BEGIN select ${q(c.name)} into ${loc} from ${tableRef(t)}${whereClause(t, keyCols, values, null)} for update;`
  );
}

/** LOB_WRITE (operation 10): one piece of LOB data at a 1-based offset (characters for CLOB, bytes for BLOB). */
export function lobWriteSql(c: ColumnMeta, piece: string | Uint8Array, offset: number): string {
  if (c.type === 'BLOB') {
    const bytes = piece as Uint8Array;
    return ` buf_b := HEXTORAW('${Buffer.from(bytes).toString('hex')}');\n  dbms_lob.write(loc_b, ${bytes.length}, ${offset}, buf_b);`;
  }
  const text = piece as string;
  const [buf, loc] = c.type === 'NCLOB' ? ['buf_nc', 'loc_nc'] : ['buf_c', 'loc_c'];
  return ` ${buf} := '${text.replace(/'/g, "''")}';\n  dbms_lob.write(${loc}, ${[...text].length}, ${offset}, ${buf});`;
}

export const CSF_PIECE_BYTES = 4000;

/**
 * Splits a statement longer than 4000 bytes into V$LOGMNR_CONTENTS pieces (CSF=1 on all but the
 * last). Cuts at a UTF-8 character boundary so each piece decodes on its own.
 */
export function splitCsf(sql: string): string[] {
  if (sql.length * 3 <= CSF_PIECE_BYTES) return [sql];
  const buf = Buffer.from(sql, 'utf8');
  if (buf.length <= CSF_PIECE_BYTES) return [sql];
  const pieces: string[] = [];
  let start = 0;
  while (start < buf.length) {
    let end = Math.min(start + CSF_PIECE_BYTES, buf.length);
    while (end < buf.length && (buf[end]! & 0xc0) === 0x80) end--; // do not cut inside a character
    pieces.push(buf.subarray(start, end).toString('utf8'));
    start = end;
  }
  return pieces;
}

/**
 * How LogMiner prints a DML row it cannot map to the dictionary in use (the table changed, or was
 * dropped, after the redo was written): positional column names and raw bytes, e.g.
 *   insert into "HR"."EMP"("COL 1","COL 2") values (HEXTORAW('c102'),HEXTORAW('416e6e'));
 *   update "UNKNOWN"."OBJ# 73211" set "COL 2" = HEXTORAW('c20c') where "COL 1" = HEXTORAW('c102');
 * (The simulator's bytes are the literal's text, not Oracle's internal format: nothing may use them.)
 */
export function mismatchSql(sql: string, owner: string, table: string): string {
  const p = parseRedoColumns(sql);
  const hex = (v: string | null) => (v === null ? 'NULL' : `HEXTORAW('${Buffer.from(v, 'utf8').toString('hex')}')`);
  const ref = `${q(owner)}.${q(table)}`;
  const pos = new Map<string, number>();
  const name = (n: string) => `"COL ${pos.get(n) ?? pos.set(n, pos.size + 1).get(n)!}"`;
  const list = (l: { names: string[]; values: (string | null)[] } | null, sep: string) =>
    (l?.names ?? []).map((n, i) => (l!.values[i] === null && sep === ' and ' ? `${name(n)} IS NULL` : `${name(n)} = ${hex(l!.values[i] ?? null)}`)).join(sep);
  if (p.operation === 'INSERT') {
    const a = p.after!;
    return `insert into ${ref}(${a.names.map(name).join(',')}) values (${a.values.map(hex).join(',')});`;
  }
  const where = p.before && p.before.names.length > 0 ? ` where ${list(p.before, ' and ')}` : '';
  if (p.operation === 'DELETE') return `delete from ${ref}${where};`;
  return `update ${ref} set ${list(p.after, ', ')}${where};`;
}

/** XML DOC BEGIN (68): the document of `col` in the row with these key values. */
export function xmlBeginSql(t: SimTable, col: number, keyCols: readonly number[], values: readonly ColumnValue[]): string {
  return `XML DOC BEGIN:  select ${q(t.columns[col]!.name)} from ${tableRef(t)}${whereClause(t, keyCols, values, null)}`;
}

/** XML DOC WRITE (70): short documents as text, long ones as UTF-8 bytes in pieces (a character may span two). */
export function xmlWriteSql(piece: string | Uint8Array): string {
  return typeof piece === 'string' ? `XML_REDO := ${quote(piece)}:${Buffer.byteLength(piece, 'utf8')}` : `XML_REDO := HEXTORAW('${Buffer.from(piece).toString('hex')}'):${piece.length}`;
}

export const XML_END_SQL = 'XML DOC END';

/** 32K_BEGIN (91): the PL/SQL block LogMiner prints before the pieces of an extended string. */
export function extendedBeginSql(t: SimTable, col: number, keyCols: readonly number[], values: readonly ColumnValue[]): string {
  const c = t.columns[col]!;
  const stmt = `update ${tableRef(t)} set ${q(c.name)} = :${c.name}${whereClause(t, keyCols, values, null)};`;
  return `DECLARE\n TempLob CLOB;\n buf_c   VARCHAR2(32767);\n Stmt    CLOB;\nBEGIN\n DBMS_LOB.CreateTemporary(TempLob, FALSE);\n Stmt := ${quote(stmt)};`;
}

/** 32K_WRITE (92): one piece (text, or RAW bytes as HEXTORAW). */
export function extendedWriteSql(piece: string | Uint8Array): string {
  const value = typeof piece === 'string' ? quote(piece) : `HEXTORAW('${Buffer.from(piece).toString('hex')}')`;
  const n = typeof piece === 'string' ? [...piece].length : piece.length;
  return `\n buf_c := ${value};\n DBMS_LOB.WriteAppend(TempLob, ${n}, buf_c);`;
}

export const EXTENDED_END_SQL = '\n EXECUTE IMMEDIATE Stmt USING TempLob;\n DBMS_LOB.FreeTemporary(TempLob);\nEND;';
