import type { ColumnValue, OracleDateTime, OracleType } from '../../model/oracle-types';

/**
 * Typed ordering of column values, as `ORDER BY` sorts them in Oracle: NUMBER text numerically,
 * character data by binary code point order (AL32UTF8 / BINARY sort), datetimes chronologically,
 * RAW bytewise; NULL sorts last (Oracle's default for ascending order).
 */
export type Comparator = (a: ColumnValue, b: ColumnValue) => number;

export function comparatorFor(type: OracleType): Comparator {
  switch (type) {
    case 'NUMBER':
    case 'FLOAT':
      return nullsLast((a, b) => compareDecimalText(a as string, b as string));
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE':
      return nullsLast((a, b) => compareNumbers(a as number, b as number));
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return nullsLast((a, b) => compareDateTime(a as OracleDateTime, b as OracleDateTime));
    case 'RAW':
    case 'LONG RAW':
    case 'BLOB':
      return nullsLast((a, b) => compareBytes(a as Uint8Array, b as Uint8Array));
    default:
      return nullsLast((a, b) => compareText(String(a), String(b)));
  }
}

function nullsLast(cmp: Comparator): Comparator {
  return (a, b) => {
    if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
    if (b === null || b === undefined) return -1;
    return cmp(a, b);
  };
}

function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1; // Oracle sorts NaN above +Inf
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Canonical decimal strings ("-12.5", "0", "1000") compared without losing precision. */
export function compareDecimalText(a: string, b: string): number {
  if (a === b) return 0;
  // Fast path: short plain integers fit a double exactly.
  if (a.length < 16 && b.length < 16 && INT_RE.test(a) && INT_RE.test(b)) return Number(a) - Number(b);
  const negA = a.startsWith('-');
  const negB = b.startsWith('-');
  if (negA !== negB) return negA ? -1 : 1;
  const mag = compareMagnitude(negA ? a.slice(1) : a, negB ? b.slice(1) : b);
  return negA ? -mag : mag;
}

const INT_RE = /^-?\d+$/;

function compareMagnitude(a: string, b: string): number {
  const [ai, af = ''] = splitDecimal(a);
  const [bi, bf = ''] = splitDecimal(b);
  if (ai.length !== bi.length) return ai.length - bi.length;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const pa = af.padEnd(len, '0');
  const pb = bf.padEnd(len, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function splitDecimal(s: string): [string, string?] {
  const dot = s.indexOf('.');
  const int = (dot < 0 ? s : s.slice(0, dot)).replace(/^0+(?=\d)/, '');
  return dot < 0 ? [int] : [int === '0' ? '0' : int, s.slice(dot + 1)];
}

/** Chronological order; values with a numeric offset are compared as UTC instants. */
export function compareDateTime(a: OracleDateTime, b: OracleDateTime): number {
  const ta = instantOf(a);
  const tb = instantOf(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.nanos - b.nanos;
}

function instantOf(d: OracleDateTime): number {
  const base = Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second);
  const m = d.tz ? /^([+-])(\d\d):(\d\d)$/.exec(d.tz) : null;
  if (!m) return base;
  const offsetMs = (Number(m[2]) * 60 + Number(m[3])) * 60_000 * (m[1] === '-' ? -1 : 1);
  return base - offsetMs;
}

/** Map key of a row's key values (exact identity, not ordering). */
export function keyString(values: readonly ColumnValue[]): string {
  if (values.length === 1) return valueKey(values[0]!);
  let s = '';
  for (let i = 0; i < values.length; i++) s += (i ? '\u0001' : '') + valueKey(values[i]!);
  return s;
}

function valueKey(v: ColumnValue): string {
  if (v === null) return '\u0000';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return `n${v}`;
  if (v instanceof Uint8Array) return `x${Buffer.from(v).toString('hex')}`;
  return `d${v.year}-${v.month}-${v.day} ${v.hour}:${v.minute}:${v.second}.${v.nanos}${v.tz ?? ''}`;
}
