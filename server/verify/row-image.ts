import type { RowImageText } from '../model/verification';

/**
 * Row images as arrays of normalised text (value-text.ts), one slot per column of the table's
 * column list, compared by a 64-bit FNV-1a hash of their values and, when the hashes differ, column
 * by column.
 *
 *   ['7', '1200.5', null]  →  fnv1a("7" 0x01 "1200.5" 0x01 0x02 0x01) as two 32-bit halves
 *
 * NULL (null) and a column the image does not carry (undefined) hash differently, so a column
 * missing from the replay shows as a difference rather than as NULL. FNV-1a, not a cryptographic
 * hash: nothing here is adversarial, and it costs no allocation per row (a full verification hashes
 * every row of both sides).
 */
export type RowValues = (string | null | undefined)[];

export function imageHash(values: RowValues): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ values.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) {
      h1 = Math.imul(h1 ^ 0x03, 0x01000193);
      h2 = Math.imul(h2 ^ 0x03, 0x5bd1e995);
    } else if (v === null) {
      h1 = Math.imul(h1 ^ 0x02, 0x01000193);
      h2 = Math.imul(h2 ^ 0x02, 0x5bd1e995);
    } else {
      for (let j = 0; j < v.length; j++) {
        const c = v.charCodeAt(j);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      }
    }
    h1 = Math.imul(h1 ^ 0x01, 0x01000193);
    h2 = Math.imul(h2 ^ 0x01, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}`;
}

/** Names of the slots whose values differ (a slot one side lacks counts as different). */
export function differingColumns(names: readonly string[], a: RowValues, b: RowValues): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) if (a[i] !== b[i] && !(a[i] === undefined && b[i] === undefined)) out.push(names[i]!);
  return out.sort();
}

/** The slots an image carries, by column name (for reports). */
export function imageObject(names: readonly string[], values: RowValues): RowImageText {
  const out: RowImageText = {};
  for (let i = 0; i < names.length; i++) if (values[i] !== undefined) out[names[i]!] = values[i]!;
  return out;
}
