import type { ColumnMeta, ColumnValue, OracleDateTime } from '../model/oracle-types';

/**
 * One text form per Oracle value, used where a format needs text (SharePlex JSON values, message
 * keys). ISO-8601-like rather than Oracle's NLS-dependent defaults, so the text does not change
 * with the source session's NLS settings:
 *
 *   NUMBER 12.5             → "12.5"            (the reader's canonical decimal text, unchanged)
 *   BINARY_DOUBLE 0.25      → "0.25"            (NaN → "NaN", ±Infinity → "Infinity"/"-Infinity")
 *   DATE                    → "2024-03-01T08:05:09"
 *   TIMESTAMP(3)            → "2024-03-01T08:05:09.120"          (exactly n fraction digits)
 *   TIMESTAMP(6) WITH TZ    → "2024-03-01T08:05:09.120000+08:00"  or "…[Asia/Shanghai]" for regions
 *   RAW / BLOB              → "0AFF10"          (upper-case hex, as RAWTOHEX prints it)
 *   everything else         → the string as read
 */
export function valueText(column: ColumnMeta, value: ColumnValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (value instanceof Uint8Array) return hexUpper(value);
  return dateTimeText(column, value);
}

function numberText(n: number): string {
  return Number.isNaN(n) ? 'NaN' : String(n);
}

export function hexUpper(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Fraction digits a column prints: 0 for DATE, the TIMESTAMP(n) scale (default 6) otherwise. */
function fractionDigits(column: ColumnMeta): number {
  if (column.type === 'DATE') return 0;
  return column.scale ?? 6;
}

export function dateTimeText(column: ColumnMeta, v: OracleDateTime): string {
  const year = v.year < 0 ? `-${pad(-v.year, 4)}` : pad(v.year, 4);
  // Joined rather than concatenated: the result is one flat string, not a tree of pieces (V8 makes
  // a concatenation of 13 characters or more a rope), cheaper to keep and to compare when a
  // verification holds and compares a date text for every row.
  const parts = [year, '-', twoDigits(v.month), '-', twoDigits(v.day), 'T', twoDigits(v.hour), ':', twoDigits(v.minute), ':', twoDigits(v.second)];
  const digits = fractionDigits(column);
  if (digits > 0) parts.push('.', pad(v.nanos, 9).slice(0, Math.min(digits, 9)));
  if (v.tz !== undefined) parts.push(/^[+-]\d/.test(v.tz) ? v.tz : `[${v.tz}]`);
  return parts.join('');
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => pad(i, 2));

function twoDigits(n: number): string {
  return TWO_DIGITS[n] ?? pad(n, 2);
}

/** Commit/post times as the SharePlex examples print them: UTC, seconds, no zone suffix. */
export function utcSecondsText(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}
