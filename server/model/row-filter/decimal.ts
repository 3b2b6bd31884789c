/**
 * Exact decimal text, as Oracle NUMBER values travel through the product: "-12.5", "0", "0.001",
 * "123456789012345678901234567890.123" — never exponent notation, never via float. Used by the row
 * filter (exact comparisons) and by the redo value conversion (LogMiner prints '.5', '1.0E+40', ...).
 */

/** Beyond this many decimal places either way the text would be absurd (Oracle NUMBER spans 1E-130..1E+126). */
const MAX_EXPONENT = 400;

/**
 * Canonical decimal text of a numeric literal ("+1.50" → "1.5", ".5" → "0.5", "-0" → "0",
 * "1.2E+3" → "1200"), or null when the text is not a number.
 */
export function normalizeDecimal(text: string): string | null {
  let i = 0;
  const n = text.length;
  while (i < n && text.charCodeAt(i) <= 32) i++;
  let end = n;
  while (end > i && text.charCodeAt(end - 1) <= 32) end--;
  let negative = false;
  const c0 = text.charCodeAt(i);
  if (c0 === 45 /* - */ || c0 === 43 /* + */) {
    negative = c0 === 45;
    i++;
  }
  let digits = '';
  let pointAt = -1; // number of digits before the decimal point
  let sawDigit = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += text[i];
      sawDigit = true;
    } else if (c === 46 /* . */ && pointAt < 0) {
      pointAt = digits.length;
    } else break;
  }
  if (!sawDigit) return null;
  if (pointAt < 0) pointAt = digits.length;
  let exponent = 0;
  if (i < end && (text.charCodeAt(i) | 0x20) === 101 /* e */) {
    i++;
    let expNegative = false;
    const s = text.charCodeAt(i);
    if (s === 45 || s === 43) {
      expNegative = s === 45;
      i++;
    }
    const expStart = i;
    while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === expStart || i - expStart > 4) return null;
    exponent = Number(text.slice(expStart, i)) * (expNegative ? -1 : 1);
  }
  if (i !== end) return null;
  return composeDecimal(negative, digits, pointAt + exponent);
}

/** Builds canonical text from a digit string whose decimal point sits after `pointAt` digits. */
function composeDecimal(negative: boolean, digits: string, pointAt: number): string | null {
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === 48) first++;
  if (first === digits.length) return '0';
  let last = digits.length;
  while (last > first && digits.charCodeAt(last - 1) === 48) last--;
  const significant = digits.slice(first, last);
  const point = pointAt - first; // digits of `significant` before the point (may be <0 or > length)
  if (point > MAX_EXPONENT || point < -MAX_EXPONENT) return null;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + significant;
  else if (point >= significant.length) out = significant + '0'.repeat(point - significant.length);
  else out = significant.slice(0, point) + '.' + significant.slice(point);
  return negative ? '-' + out : out;
}

/** Compares two canonical decimal strings (as produced by normalizeDecimal) exactly. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const aNeg = a.charCodeAt(0) === 45;
  const bNeg = b.charCodeAt(0) === 45;
  if (aNeg !== bNeg) return aNeg ? -1 : 1;
  const magnitude = compareMagnitude(aNeg ? a.slice(1) : a, bNeg ? b.slice(1) : b);
  if (magnitude === 0) return 0;
  return aNeg ? (-magnitude as -1 | 1) : magnitude;
}

function compareMagnitude(a: string, b: string): -1 | 0 | 1 {
  const ap = a.indexOf('.');
  const bp = b.indexOf('.');
  const aInt = ap < 0 ? a : a.slice(0, ap);
  const bInt = bp < 0 ? b : b.slice(0, bp);
  // Canonical integer parts have no leading zeros (except a lone "0"), so length orders them.
  if (aInt.length !== bInt.length) return aInt.length < bInt.length ? -1 : 1;
  if (aInt !== bInt) return aInt < bInt ? -1 : 1;
  const aFrac = ap < 0 ? '' : a.slice(ap + 1);
  const bFrac = bp < 0 ? '' : b.slice(bp + 1);
  if (aFrac === bFrac) return 0;
  // Fractions compare digit by digit; a missing digit is a zero (and canonical text has no trailing zeros).
  return aFrac < bFrac ? -1 : 1;
}
