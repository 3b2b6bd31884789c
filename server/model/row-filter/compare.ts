/**
 * Oracle's ordering of filter values (NLS_COMP=BINARY), one comparator per operand class:
 *   decimal  NUMBER text, exactly ("0.1" < "0.10000000000000000001")
 *   float    BINARY_FLOAT/DOUBLE: NaN equals NaN and sorts above everything, -0 = 0
 *   text     code-point order (what AL32UTF8 byte order gives); blank-padded when both sides are
 *            CHAR/NCHAR or literals ('a ' = 'a'), non-padded as soon as one side is VARCHAR2
 *   datetime field by field, or as instants when a time zone is involved (see datetime.ts)
 */
import type { ColumnValue, OracleDateTime } from '../oracle-types';
import { compareDateTime } from './datetime';
import { compareDecimal, normalizeDecimal } from './decimal';

/** Canonical decimal text of a NUMBER value ("1200.50" from a careless reader still compares right). */
export function decimalOf(v: ColumnValue): string | null {
  if (typeof v === 'string') return normalizeDecimal(v);
  if (typeof v === 'number') return Number.isFinite(v) ? normalizeDecimal(String(v)) : null;
  return null;
}

export function floatOf(v: ColumnValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isNaN(n) && v.toUpperCase() !== 'NAN' ? null : n;
  }
  return null;
}

export function compareDecimals(a: string, b: string): number {
  return compareDecimal(a, b);
}

export function compareFloats(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-point order of two strings; `padded` compares as if the shorter were filled with blanks. */
export function compareText(a: string, b: string, padded: boolean): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrder(x) - codePointOrder(y);
  }
  if (a.length === b.length) return 0;
  if (!padded) return a.length - b.length;
  const longer = a.length > b.length ? a : b;
  for (let i = n; i < longer.length; i++) {
    const c = longer.charCodeAt(i);
    if (c !== 32) return (codePointOrder(c) - 32) * (longer === a ? 1 : -1);
  }
  return 0;
}

/** Maps UTF-16 code units so that their numeric order is code-point order (surrogates sort above U+FFFF-less BMP). */
function codePointOrder(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000;
  if (c >= 0xe000) return c - 0x800;
  return c;
}

export function compareDateTimes(a: OracleDateTime, b: OracleDateTime): number | null {
  return compareDateTime(a, b);
}

export function isDateTime(v: ColumnValue): v is OracleDateTime {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}
