/**
 * The value types of ETL expressions and how column values become them:
 *   number  canonical decimal text ("1200.5"; BINARY_FLOAT/DOUBLE numbers converted)
 *   text    string ('' is NULL, as in Oracle)
 *   date    OracleDateTime (DATE, TIMESTAMP, with or without time zone)
 *   opaque  RAW, BLOB, INTERVAL, …: can be copied, tested for NULL, dropped or hashed, nothing else
 * `undefined` is "not in this row image" (an UPDATE's redo lacks unchanged columns): any
 * expression that reads it is undefined too, and the column it sets is left out of that image.
 */
import type { ColumnMeta, ColumnValue, OracleDateTime, OracleType } from '../oracle-types';
import { decimalOf, isDateTime } from '../row-filter/compare';
import { classOfType } from '../row-filter/validate';

export type EtlType = 'number' | 'text' | 'date' | 'null' | 'opaque';
export type Value = ColumnValue | undefined;

export function typeOfColumn(type: OracleType): EtlType {
  switch (classOfType(type)) {
    case 'numeric':
    case 'binary':
      return 'number';
    case 'text':
    case 'clob':
      return 'text';
    case 'datetime':
      return 'date';
    default:
      return type === 'LONG' || type === 'XMLTYPE' ? 'text' : 'opaque';
  }
}

/** Oracle's name for a type in messages: "NUMBER", "text (VARCHAR2)", … */
export function typeName(t: EtlType): string {
  return t === 'number' ? 'a number' : t === 'text' ? 'text' : t === 'date' ? 'a date' : t === 'null' ? 'NULL' : 'a binary/interval value';
}

export function asNumber(v: Value): string | null | undefined {
  if (v === undefined || v === null) return v;
  return decimalOf(v);
}

export function asText(v: Value): string | null | undefined {
  if (v === undefined || v === null) return v;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex').toUpperCase();
  return dateText(v);
}

export function asDate(v: Value): OracleDateTime | null | undefined {
  if (v === undefined || v === null) return v;
  return isDateTime(v) ? v : null;
}

/** 'YYYY-MM-DD HH24:MI:SS[.FF]' — the text a date becomes in || and CONCAT. */
export function dateText(d: OracleDateTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const base = `${p(d.year, 4)}-${p(d.month)}-${p(d.day)} ${p(d.hour)}:${p(d.minute)}:${p(d.second)}`;
  return d.nanos ? `${base}.${p(d.nanos, 9).replace(/0+$/, '')}` : base;
}

/** Column metadata of a derived value of type `t`. */
export function derivedMeta(name: string, t: EtlType, length = 4000): ColumnMeta {
  switch (t) {
    case 'number':
      return { name, type: 'NUMBER', dataLength: 22, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null };
    case 'date':
      return { name, type: 'DATE', dataLength: 7, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null };
    default:
      return { name, type: 'VARCHAR2', dataLength: length, charLength: length, precision: null, scale: null, nullable: true, defaultValue: null };
  }
}
