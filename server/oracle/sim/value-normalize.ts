import { dateTimeFromUtc, type ColumnMeta, type ColumnValue, type OracleDateTime } from '../../model/oracle-types';
import { normalizeDecimal } from '../../model/row-filter/decimal';
import { oraError } from '../errors';
import type { SimTable } from './sim-table';

/** Loose input accepted by sessions and loaders; stored values always have the canonical shape. */
export type LooseValue = ColumnValue | bigint | Date | undefined;

/** A row given as an array in column order or an object by column name → canonical image. */
export function normalizeRow(t: SimTable, row: readonly LooseValue[] | Record<string, LooseValue>): ColumnValue[] {
  if (Array.isArray(row)) return t.columns.map((c, i) => normalizeValue(c, row[i]));
  const obj = row as Record<string, LooseValue>;
  for (const k of Object.keys(obj)) {
    if (t.columnIndex(k) < 0) throw oraError('ORA-00904', `"${k}": invalid identifier`, { hint: `${t.owner}.${t.name} has no column ${k}.` });
  }
  return t.columns.map((c) => normalizeValue(c, obj[c.name]));
}

export function normalizeValue(c: ColumnMeta, v: LooseValue): ColumnValue {
  if (v === undefined || v === null) return null;
  switch (c.type) {
    case 'NUMBER':
    case 'FLOAT':
      return canonicalNumber(typeof v === 'string' ? v : decimalText(v as number | bigint));
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE':
      return typeof v === 'number' ? v : Number(v);
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return v instanceof Date ? dateTimeOf(v, c) : (v as OracleDateTime);
    case 'RAW':
    case 'LONG RAW':
    case 'BLOB':
      return v instanceof Uint8Array ? new Uint8Array(v) : Buffer.from(String(v), 'hex');
    default:
      if (typeof v === 'string') return v === '' ? null : v; // Oracle stores '' as NULL
      return String(v);
  }
}

/** NUMBER values are stored as canonical decimal text ("10.50" → "10.5"), as the value contract says. */
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

function canonicalNumber(text: string): string {
  if (CANONICAL.test(text) && text !== '-0') return text;
  const v = normalizeDecimal(text);
  if (v === null) throw oraError('ORA-01722', `invalid number ('${text}')`);
  return v;
}

function decimalText(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (!Number.isFinite(n)) throw new RangeError(`NUMBER cannot hold ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return Math.abs(n) >= 1 ? BigInt(Math.round(n)).toString() : n.toFixed(20).replace(/0+$/, '');
}

function dateTimeOf(d: Date, c: ColumnMeta): OracleDateTime {
  const dt: OracleDateTime = dateTimeFromUtc(d, c.type === 'DATE' ? 0 : d.getUTCMilliseconds() * 1_000_000);
  if (c.type === 'TIMESTAMP WITH TIME ZONE' || c.type === 'TIMESTAMP WITH LOCAL TIME ZONE') dt.tz = '+00:00';
  return dt;
}
