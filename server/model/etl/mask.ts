/**
 * Masks of the ETL language:
 *   hash           salted SHA-256, hex: mask EMAIL hash → 'a3f1…' (64 hex digits; the same input and
 *                  salt always give the same output, so masked columns can still be joined within a task)
 *   partial(s, e)  keeps the first s and last e characters: mask PHONE partial(3, 2) on '5551234567' → '555*****67';
 *                  a value of s + e characters or fewer is masked whole
 */
import { createHash } from 'node:crypto';

export function maskPartial(v: string, keepStart: number, keepEnd: number): string {
  const chars = [...v];
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + chars.slice(chars.length - keepEnd).join('');
}

/** The hash mask with the task's salt: SHA-256 over salt, a NUL, then the value's UTF-8 text. */
export function saltedHasher(salt: string): (text: string) => string {
  return (text) => createHash('sha256').update(salt, 'utf8').update('\u0000').update(text, 'utf8').digest('hex');
}
