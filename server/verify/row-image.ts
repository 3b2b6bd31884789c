import { createHash } from 'node:crypto';
import type { RowImageText } from '../model/verification';

/**
 * Row images compared by a hash of their normalised values (text of value-text.ts, columns in
 * name order), and, when two differ, the columns that do.
 *
 *   { ID: '7', SALARY: '1200.5' } → sha1("ID\u0001" + "7" + "\u0000" + "SALARY\u0001" + "1200.5" + "\u0000")
 *
 * NULL and a column the image does not carry hash differently, so a column missing from the
 * replay shows as a difference rather than as NULL.
 */
export function imageHash(image: RowImageText): string {
  const h = createHash('sha1');
  for (const name of Object.keys(image).sort()) {
    const v = image[name];
    h.update(name);
    h.update(v === null ? '\u0002' : `\u0001${v}`);
    h.update('\u0000');
  }
  return h.digest('base64');
}

export function differingColumns(a: RowImageText, b: RowImageText): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => !(n in a) || !(n in b) || a[n] !== b[n]).sort();
}
