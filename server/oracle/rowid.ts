/**
 * Oracle extended ROWIDs, e.g. AAAR3sAAEAAAACXAAA: 18 base-64 digits (A–Z a–z 0–9 + /, in that
 * order) holding the data object number (6), the relative file number (3), the block (6) and the
 * row slot (3). Oracle orders ROWIDs by those numbers, which is not the order of the strings
 * ('a' sorts after 'Z' in ASCII but also in Oracle; '0' sorts after 'z' in Oracle, before 'A' in
 * ASCII) — so comparisons outside SQL decode first.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function digits(s: string): number {
  let n = 0;
  for (const ch of s) {
    const d = B64.indexOf(ch);
    if (d < 0) throw new RangeError(`not a ROWID digit: ${JSON.stringify(ch)}`);
    n = n * 64 + d;
  }
  return n;
}

/** [data object, file, block, row] of an extended ROWID. */
export function rowIdParts(rowId: string): [number, number, number, number] {
  if (rowId.length !== 18) throw new RangeError(`an extended ROWID has 18 characters, got ${JSON.stringify(rowId)}`);
  return [digits(rowId.slice(0, 6)), digits(rowId.slice(6, 9)), digits(rowId.slice(9, 15)), digits(rowId.slice(15, 18))];
}

/** Negative, zero or positive as Oracle orders the two ROWIDs. */
export function compareRowIds(a: string, b: string): number {
  const x = rowIdParts(a);
  const y = rowIdParts(b);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
