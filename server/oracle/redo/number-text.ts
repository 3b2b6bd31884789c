/**
 * Numbers as LogMiner prints them in SQL_REDO (the session uses NLS_NUMERIC_CHARACTERS '.,'):
 *   NUMBER         '1'  '-12.5'  '.5'  '-.001'  (TO_CHAR text: no leading zero, no exponent up to 64 chars)
 *   BINARY_DOUBLE  '1.5E+000'  '1.23456E+003'  '-1.0E-001'  '0'  'Nan'  'Inf'  '-Inf'
 *   BINARY_FLOAT   '1.10000002E+000' is how Oracle shows 1.1f; we print the shortest float32 digits
 */
import { normalizeDecimal } from '../../model/row-filter/decimal';

/** Canonical decimal ("0.5") → Oracle text (".5"); exponent form beyond 64 chars, as TO_CHAR does. */
export function formatOracleNumber(canonical: string): string {
  const negative = canonical.charCodeAt(0) === 45;
  let body = negative ? canonical.slice(1) : canonical;
  if (body.startsWith('0.')) body = body.slice(1);
  if (body.length > 64) body = toScientific(body);
  return negative ? '-' + body : body;
}

/** Plain digits (".000123", "1000…0") → "1.23E-004"-style text with a 2+ digit exponent, as TO_CHAR's TM. */
function toScientific(body: string): string {
  const point = body.indexOf('.');
  const digits = body.replace('.', '');
  let first = 0;
  while (digits.charCodeAt(first) === 48) first++;
  const intDigits = point < 0 ? body.length : point;
  const exponent = intDigits - first - 1;
  const mantissa = digits.slice(first).replace(/0+$/, '');
  const m = mantissa.length > 1 ? mantissa[0] + '.' + mantissa.slice(1) : mantissa;
  const e = Math.abs(exponent);
  return `${m}E${exponent < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
}

/** Oracle text of a BINARY_DOUBLE / BINARY_FLOAT value. */
export function formatBinaryFloat(value: number, single: boolean): string {
  if (Number.isNaN(value)) return 'Nan';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return '0';
  const exp = single ? shortestFloat32(value) : value.toExponential();
  const e = exp.indexOf('e');
  let mantissa = exp.slice(0, e);
  if (!mantissa.includes('.')) mantissa += '.0';
  const exponent = Number(exp.slice(e + 1));
  const abs = Math.abs(exponent);
  return `${mantissa}E${exponent < 0 ? '-' : '+'}${abs < 10 ? '00' : abs < 100 ? '0' : ''}${abs}`;
}

/** Fewest significant digits that read back to the same float32. */
function shortestFloat32(value: number): string {
  const v = Math.fround(value);
  for (let p = 1; p <= 9; p++) {
    const s = v.toExponential(p - 1);
    if (Math.fround(Number(s)) === v) return s;
  }
  return v.toExponential(8);
}

/** Oracle text of a BINARY_* value → number; null when it is not one. */
export function parseBinaryFloat(text: string, single: boolean): number | null {
  const s = text.trim();
  const upper = s.toUpperCase();
  let v: number;
  if (upper === 'NAN' || upper === 'BINARY_DOUBLE_NAN' || upper === 'BINARY_FLOAT_NAN') v = NaN;
  else if (upper === 'INF' || upper === '+INF' || upper === 'BINARY_DOUBLE_INFINITY' || upper === 'BINARY_FLOAT_INFINITY')
    v = Infinity;
  else if (upper === '-INF' || upper === '-BINARY_DOUBLE_INFINITY' || upper === '-BINARY_FLOAT_INFINITY') v = -Infinity;
  else {
    if (normalizeDecimal(s) === null) return null;
    v = Number(s.endsWith('.') ? s.slice(0, -1) : s);
    if (Number.isNaN(v)) return null;
  }
  return single ? Math.fround(v) : v;
}
