import type { ChunkRequest } from '../gateway';
import type { ColumnMeta, TableMeta } from '../../model/oracle-types';
import type { FilterExpr } from '../../model/row-filter-ast';
import type { Scn } from '../../model/scn';
import { ValidationError } from '../../model/errors';
import { ROWID_KEY, keyBind, selectExpr } from './column-sql';
import { compileFilter, type BindValue, type CompiledSql } from './filter-sql';
import { quoteIdent, quoteQualified } from './quote-ident';

/**
 * Keyset chunk reads of one table at a flashback SCN:
 *   SELECT "ID", "NAME", TO_CHAR("HIRED", 'YYYY-MM-DD HH24:MI:SS') AS "HIRED"
 *   FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn)
 *   WHERE (("ID" > TO_NUMBER(:k0))) AND (("DEPT" = TO_NUMBER(:f0)))
 *   ORDER BY "ID" FETCH FIRST :n ROWS ONLY
 * A composite key (A, B) pages with A >= :k0 AND ((A > :k0) OR (A = :k0 AND B > :k1)): the leading
 * range term lets the optimizer start an index range scan at the last key instead of scanning the
 * index (or table) from its start for every chunk. Keyless tables page by the ROWID pseudo-column
 * (keyColumns = ['ROWID']), which is selected last as ROWIDTOCHAR(ROWID), one extent range at a time
 * (`rowidUpTo`, from ROWID_RANGES_SQL): `ROWID > :k0 AND ROWID <= :rhi` reads one range by ROWID
 * range access instead of everything after :k0 and sorting it for every chunk.
 * Tables with a LONG / LONG RAW column cannot use FETCH FIRST (Oracle rewrites it with an analytic
 * ROW_NUMBER(), and a LONG column there raises ORA-00997); they page with the classic form
 *   SELECT * FROM (SELECT … ORDER BY "ID") WHERE ROWNUM <= :n
 * The session runs with NLS_SORT/NLS_COMP = BINARY so ORDER BY and ">" agree on character keys.
 */

export const ROWID_ALIAS = 'ORA2KAFKA$ROWID';

export interface ChunkQuery extends CompiledSql {
  /** For each key column, the index in the selected row (ROWID: the extra last column). */
  keyIndexes: number[];
  /** Number of table columns in each row (the ROWID key column, when selected, comes after them). */
  columnCount: number;
}

function keyColumnMeta(table: TableMeta, name: string): ColumnMeta | typeof ROWID_KEY {
  if (name === ROWID_KEY) return ROWID_KEY;
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new ValidationError('keyColumns', `Key column "${name}" is not a column of ${table.owner}.${table.name}`);
  return c;
}

function flashbackFrom(owner: string, table: string): string {
  return `${quoteQualified(owner, table)} AS OF SCN TO_NUMBER(:scn)`;
}

export function buildChunkQuery(table: TableMeta, req: ChunkRequest): ChunkQuery {
  if (req.keyColumns.length === 0) throw new ValidationError('keyColumns', `No key columns to page ${req.owner}.${req.table} by`, 'Use the primary key, a unique key, or ["ROWID"].');
  if (!Number.isInteger(req.limit) || req.limit < 1) throw new ValidationError('limit', `Chunk size must be a positive integer, got ${req.limit}`);
  const usesRowid = req.keyColumns.includes(ROWID_KEY);
  if (usesRowid && req.keyColumns.length > 1) throw new ValidationError('keyColumns', 'ROWID paging cannot be combined with other key columns');
  const keys = req.keyColumns.map((k) => keyColumnMeta(table, k));

  const select = table.columns.map((c) => selectExpr(c));
  if (usesRowid) select.push(`ROWIDTOCHAR(ROWID) AS ${quoteIdent(ROWID_ALIAS)}`);
  const binds: Record<string, BindValue> = { scn: req.scn.toString() };
  const where: string[] = [];

  if (req.afterKey) {
    if (req.afterKey.length !== keys.length) throw new ValidationError('afterKey', `Last key has ${req.afterKey.length} values for ${keys.length} key columns`);
    const ref = (k: ColumnMeta | typeof ROWID_KEY) => (k === ROWID_KEY ? 'ROWID' : quoteIdent(k.name));
    const exprs = keys.map((k, i) => {
      const b = keyBind(k, req.afterKey![i]!, `k${i}`);
      binds[`k${i}`] = b.value;
      return b.expr;
    });
    const disjuncts: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const terms: string[] = [];
      for (let j = 0; j < i; j++) terms.push(`${ref(keys[j]!)} = ${exprs[j]}`);
      terms.push(`${ref(keys[i]!)} > ${exprs[i]}`);
      disjuncts.push(`(${terms.join(' AND ')})`);
    }
    if (keys.length > 1) where.push(`${ref(keys[0]!)} >= ${exprs[0]}`);
    where.push(`(${disjuncts.join(' OR ')})`);
  }
  if (req.rowidUpTo !== undefined) {
    if (!usesRowid) throw new ValidationError('rowidUpTo', 'A ROWID range bound needs ROWID paging (keyColumns ["ROWID"])');
    binds.rhi = req.rowidUpTo;
    where.push('ROWID <= CHARTOROWID(:rhi)');
  }
  if (req.filter) {
    const f = compileFilter(req.filter, { columns: table.columns.map((c) => c.name), columnTypes: Object.fromEntries(table.columns.map((c) => [c.name, c.type])) });
    Object.assign(binds, f.binds);
    where.push(`(${f.sql})`);
  }
  binds.n = req.limit;
  const orderBy = keys.map((k) => (k === ROWID_KEY ? 'ROWID' : quoteIdent(k.name))).join(', ');
  const ordered =
    `SELECT ${select.join(', ')} FROM ${flashbackFrom(req.owner, req.table)}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${orderBy}`;
  const hasLong = table.columns.some((c) => c.type === 'LONG' || c.type === 'LONG RAW');
  const sql = hasLong ? `SELECT * FROM (${ordered}) WHERE ROWNUM <= :n` : `${ordered} FETCH FIRST :n ROWS ONLY`;
  const keyIndexes = keys.map((k) => (k === ROWID_KEY ? table.columns.length : table.columns.indexOf(k)));
  return { sql, binds, keyIndexes, columnCount: table.columns.length };
}

export function buildCountQuery(owner: string, table: string, scn: Scn, filter?: FilterExpr, columns?: readonly Pick<ColumnMeta, 'name' | 'type'>[]): CompiledSql {
  const binds: Record<string, BindValue> = { scn: scn.toString() };
  let sql = `SELECT COUNT(*) AS "N" FROM ${flashbackFrom(owner, table)}`;
  if (filter) {
    const f = compileFilter(filter, columns && { columns: columns.map((c) => c.name), columnTypes: Object.fromEntries(columns.map((c) => [c.name, c.type])) });
    Object.assign(binds, f.binds);
    sql += ` WHERE ${f.sql}`;
  }
  return { sql, binds };
}

/**
 * The table's extents in ROWID order with the last ROWID each can hold (row slot 32767), e.g.
 *   HI = AAAR3sAAEAAAACfH//  BLOCKS = 8
 * Grouped into ranges of about RANGE_BLOCKS blocks by `rowidRangeBounds`. Needs SELECT on
 * DBA_EXTENTS (SELECT_CATALOG_ROLE or SELECT ANY DICTIONARY).
 */
export const ROWID_RANGES_SQL =
  `SELECT DBMS_ROWID.ROWID_CREATE(1, O.DATA_OBJECT_ID, E.RELATIVE_FNO, E.BLOCK_ID + E.BLOCKS - 1, 32767) AS HI, E.BLOCKS ` +
  `FROM DBA_EXTENTS E JOIN ALL_OBJECTS O ON O.OWNER = E.OWNER AND O.OBJECT_NAME = E.SEGMENT_NAME ` +
  `AND NVL(O.SUBOBJECT_NAME, ' ') = NVL(E.PARTITION_NAME, ' ') AND O.OBJECT_TYPE LIKE 'TABLE%' ` +
  `WHERE E.OWNER = :owner AND E.SEGMENT_NAME = :tableName AND E.SEGMENT_TYPE LIKE 'TABLE%' AND O.DATA_OBJECT_ID IS NOT NULL ` +
  `ORDER BY O.DATA_OBJECT_ID, E.RELATIVE_FNO, E.BLOCK_ID`;

/** About 8 MB of 8 KB blocks per range. */
export const RANGE_BLOCKS = 1024;
