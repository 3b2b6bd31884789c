import type { RowImageText } from '../model/verification';

/**
 * Row images as arrays of normalised text (value-text.ts), one slot per column of the table's
 * column list, compared slot by slot:
 *
 *   ['7', '1200.5', null]  vs  ['7', '1200.50', null]  →  differ in slot 1
 *
 * NULL (null) and a column the image does not carry (undefined, also a slot past the array's end)
 * are different values, so a column missing from the replay shows as a difference rather than as
 * NULL. Comparing the texts themselves rather than a hash of each image costs no allocation per row
 * (a full verification compares every row) and cannot let two different images pass as equal.
 */
export type RowValues = (string | null | undefined)[];

/** Whether every slot holds the same value in both images. */
export function sameImage(a: RowValues, b: RowValues): boolean {
  const n = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Names of the slots whose values differ (a slot one side lacks counts as different). */
export function differingColumns(names: readonly string[], a: RowValues, b: RowValues): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) if (a[i] !== b[i]) out.push(names[i]!);
  return out.sort();
}

/** The slots an image carries, by column name (for reports). */
export function imageObject(names: readonly string[], values: RowValues): RowImageText {
  const out: RowImageText = {};
  for (let i = 0; i < names.length; i++) if (values[i] !== undefined) out[names[i]!] = values[i]!;
  return out;
}
