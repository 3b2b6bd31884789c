/** Character classes and keyword matching shared by the SQL_REDO scanner and its relaxed-quote rules. */

export function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 35;
}

/** Chars of a bare value token: words, numbers (1.5E+10, -3), function names. */
export function isTokenChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 43 || c === 45;
}

/** `word` (lower-case letters) at `at`, case-insensitively, as a whole word. */
export function startsWithWord(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((s.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return !isWordChar(s.charCodeAt(at + word.length));
}
