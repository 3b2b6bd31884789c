import type { ColumnMeta, ColumnValue, OracleDateTime } from '../../model/oracle-types';
import { ValidationError } from '../../model/errors';
import { withOffsetZone } from '../../model/row-filter/datetime';
import type { BindValue } from './filter-sql';
import { quoteIdent } from './quote-ident';

/**
 * How each Oracle type is selected and bound so that values arrive exactly (no float, no client
 * time zone). Datetimes are formatted by the server with explicit masks and parsed back:
 *   DATE                 TO_CHAR("HIRED", 'YYYY-MM-DD HH24:MI:SS')                  → '2020-02-01 13:45:07'
 *   TIMESTAMP(n)         TO_CHAR("TS", 'YYYY-MM-DD HH24:MI:SS.FF9')                 → '2020-02-01 13:45:07.123000000'
 *   TIMESTAMP WITH TZ    TO_CHAR("TZ", 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')         → '… +08:00' (also for a value stored with a region)
 *   TIMESTAMP WITH LTZ   TO_CHAR(SYS_EXTRACT_UTC("L"), 'YYYY-MM-DD HH24:MI:SS.FF9')  → UTC
 *   INTERVAL …           TO_CHAR("I")                                               → '+02-03', '+01 02:03:04.500000'
 *   XMLTYPE              XMLSERIALIZE(CONTENT "X" AS CLOB)
 *   BFILE                NULL (a locator to a file outside the database; not migrated)
 * NUMBER is fetched as a string by the driver (see fetchTypeHandler in session.ts), LOBs as string/Buffer.
 */

export const DATE_MASK = 'YYYY-MM-DD HH24:MI:SS';
export const TS_MASK = 'YYYY-MM-DD HH24:MI:SS.FF9';
/**
 * Offset, never region (TZR): LogMiner prints TIMESTAMP WITH TIME ZONE with the session's
 * NLS_TIMESTAMP_TZ_FORMAT (TZH:TZM), so a value stored as 'Asia/Shanghai' must read '+08:00' in the
 * snapshot too, or the same row would differ between the full load and incremental migration.
 */
export const TSTZ_MASK = 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM';

/** The pseudo-column used as key for tables without a primary or unique key (see ChunkRequest). */
export const ROWID_KEY = 'ROWID';

export function selectExpr(c: ColumnMeta, alias = true): string {
  const col = quoteIdent(c.name, 'column');
  const as = alias ? ` AS ${col}` : '';
  switch (c.type) {
    case 'DATE':
      return `TO_CHAR(${col}, '${DATE_MASK}')${as}`;
    case 'TIMESTAMP':
      return `TO_CHAR(${col}, '${TS_MASK}')${as}`;
    case 'TIMESTAMP WITH TIME ZONE':
      return `TO_CHAR(${col}, '${TSTZ_MASK}')${as}`;
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return `TO_CHAR(SYS_EXTRACT_UTC(${col}), '${TS_MASK}')${as}`;
    case 'INTERVAL YEAR TO MONTH':
    case 'INTERVAL DAY TO SECOND':
      return `TO_CHAR(${col})${as}`;
    case 'XMLTYPE':
      return `XMLSERIALIZE(CONTENT ${col} AS CLOB)${as}`;
    case 'BFILE':
      return `NULL${as}`;
    default:
      return col;
  }
}

/** SQL expression and bind value for a key value compared against column `c` in a keyset predicate. */
export function keyBind(c: ColumnMeta | typeof ROWID_KEY, value: ColumnValue, bindName: string): { expr: string; value: BindValue } {
  const ref = `:${bindName}`;
  if (c === ROWID_KEY) return { expr: `CHARTOROWID(${ref})`, value: String(value) };
  if (value === null) throw new ValidationError('afterKey', `Key column "${c.name}" is NULL in the last key`, 'Keyset paging needs NOT NULL key columns; use the ROWID key for this table.');
  switch (c.type) {
    case 'NUMBER':
    case 'FLOAT':
      return { expr: `TO_NUMBER(${ref})`, value: String(value) };
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE':
      return { expr: ref, value: value as number };
    case 'DATE':
      return { expr: `TO_DATE(${ref}, '${DATE_MASK}')`, value: dateTimeText(value as OracleDateTime, false) };
    case 'TIMESTAMP':
      return { expr: `TO_TIMESTAMP(${ref}, '${TS_MASK}')`, value: dateTimeText(value as OracleDateTime, true) };
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP WITH LOCAL TIME ZONE': {
      const d = withOffsetZone(value as OracleDateTime); // a key saved by an older version may carry a region
      return { expr: `TO_TIMESTAMP_TZ(${ref}, '${TSTZ_MASK}')`, value: `${dateTimeText(d, true)} ${d.tz ?? '+00:00'}` };
    }
    case 'INTERVAL YEAR TO MONTH':
      return { expr: `TO_YMINTERVAL(${ref})`, value: String(value) };
    case 'INTERVAL DAY TO SECOND':
      return { expr: `TO_DSINTERVAL(${ref})`, value: String(value) };
    case 'RAW':
      return { expr: `HEXTORAW(${ref})`, value: Buffer.from(value as Uint8Array).toString('hex').toUpperCase() };
    case 'ROWID':
    case 'UROWID':
      return { expr: `CHARTOROWID(${ref})`, value: String(value) };
    case 'CHAR':
    case 'NCHAR':
    case 'VARCHAR2':
    case 'NVARCHAR2':
      return { expr: ref, value: String(value) };
    default:
      throw new ValidationError('keyColumns', `Column "${c.name}" of type ${c.type} cannot be a paging key`, 'Page by the primary key, a unique key or ROWID.');
  }
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function dateTimeText(d: OracleDateTime, withFraction: boolean): string {
  const base = `${String(d.year).padStart(4, '0')}-${p2(d.month)}-${p2(d.day)} ${p2(d.hour)}:${p2(d.minute)}:${p2(d.second)}`;
  return withFraction ? `${base}.${String(d.nanos).padStart(9, '0')}` : base;
}
