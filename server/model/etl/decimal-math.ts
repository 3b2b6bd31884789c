/**
 * Exact arithmetic on NUMBER values as they travel (canonical decimal text, see row-filter/decimal.ts):
 *   add('0.1', '0.2') → '0.3'   multiply('1.5', '-2') → '-3'   divide('1', '3') → '0.3333…' (40 decimals)
 * Scaled BigInts, never floats, so a derived SALARY * 12 is exactly what Oracle would compute.
 */
import { normalizeDecimal } from '../row-filter/decimal';

interface Scaled {
  v: bigint;
  scale: number;
}

/** Decimal places kept by a division (Oracle keeps about 38–40 significant digits). */
const DIVISION_SCALE = 40;

function scaled(text: string): Scaled {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  const v = BigInt(digits);
  return { v: neg ? -v : v, scale: dot < 0 ? 0 : body.length - dot - 1 };
}

function text(s: Scaled): string {
  const neg = s.v < 0n;
  let digits = (neg ? -s.v : s.v).toString();
  if (s.scale > 0) {
    digits = digits.padStart(s.scale + 1, '0');
    digits = `${digits.slice(0, digits.length - s.scale)}.${digits.slice(digits.length - s.scale)}`;
  }
  return normalizeDecimal((neg ? '-' : '') + digits) ?? '0';
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.v * 10n ** BigInt(scale - a.scale), b.v * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: string, b: string): string {
  const [x, y, scale] = align(scaled(a), scaled(b));
  return text({ v: x + y, scale });
}

export function subtract(a: string, b: string): string {
  const [x, y, scale] = align(scaled(a), scaled(b));
  return text({ v: x - y, scale });
}

export function multiply(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  return text({ v: x.v * y.v, scale: x.scale + y.scale });
}

/** a / b rounded half away from zero to 40 decimals; null when b is 0. */
export function divide(a: string, b: string): string | null {
  const x = scaled(a);
  const y = scaled(b);
  if (y.v === 0n) return null;
  // x.v/10^xs ÷ y.v/10^ys = (x.v · 10^(ys - xs + S)) / y.v, at scale S (+1 digit for rounding).
  const shift = y.scale - x.scale + DIVISION_SCALE + 1;
  const num = shift >= 0 ? x.v * 10n ** BigInt(shift) : x.v / 10n ** BigInt(-shift);
  return text({ v: roundLastDigit(num / y.v), scale: DIVISION_SCALE });
}

function roundLastDigit(v: bigint): bigint {
  const neg = v < 0n;
  const m = neg ? -v : v;
  const r = m / 10n + (m % 10n >= 5n ? 1n : 0n);
  return neg ? -r : r;
}

/** ROUND(n, places) half away from zero; TRUNC(n, places) toward zero (places may be negative). */
export function roundTo(a: string, places: number, mode: 'round' | 'trunc'): string {
  const x = scaled(a);
  if (x.scale <= places) return a;
  const drop = BigInt(x.scale - places);
  const unit = 10n ** drop;
  const neg = x.v < 0n;
  const m = neg ? -x.v : x.v;
  let q = m / unit;
  if (mode === 'round' && (m % unit) * 2n >= unit) q += 1n;
  const v = neg ? -q : q;
  return places >= 0 ? text({ v, scale: places }) : text({ v: v * 10n ** BigInt(-places), scale: 0 });
}

export function negate(a: string): string {
  return a === '0' ? a : a.startsWith('-') ? a.slice(1) : `-${a}`;
}

export function abs(a: string): string {
  return a.startsWith('-') ? a.slice(1) : a;
}

/** MOD as Oracle defines it: a - b * TRUNC(a / b); MOD(a, 0) = a. */
export function mod(a: string, b: string): string {
  const [x, y, scale] = align(scaled(a), scaled(b));
  if (y === 0n) return a;
  return text({ v: x % y, scale });
}

/** Whole-number value of a decimal, when it is one within ±2^53. */
export function toSafeInteger(a: string): number | null {
  const n = Number(a);
  return Number.isSafeInteger(n) && String(n) === a ? n : null;
}
