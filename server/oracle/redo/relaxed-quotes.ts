/**
 * LogMiner sometimes prints an apostrophe inside a literal without doubling it (Debezium DBZ-8200,
 * DBZ-8869, DBZ-9191):  set "D" = 'l'eau, j'ai glissé', "N" = 'x' where …
 * In relaxed mode a quote ends a literal only where the statement can go on right after it:
 * `,` + next value (VALUES list), `,` + next column or `where` (SET), `and` + next column (WHERE),
 * `)` / `;` / end of text, or `||`.
 */
import { isTokenChar, isWordChar, startsWithWord } from './chars';

/** Where in the statement a value stands. */
export const CTX_VALUES = 0;
export const CTX_SET = 1;
export const CTX_WHERE = 2;
export type Ctx = typeof CTX_VALUES | typeof CTX_SET | typeof CTX_WHERE;

/** Can the statement go on at `at`, right after a quote, in context `ctx`? Then that quote ends the literal. */
export function closesLiteral(s: string, at: number, ctx: Ctx): boolean {
  let j = at;
  while (s.charCodeAt(j) === 32) j++;
  const c = s.charCodeAt(j);
  if (c !== c || c === 59) return restIsEnd(s, j); // end of input or `;`
  if (c === 124 && s.charCodeAt(j + 1) === 124) return true;
  if (ctx === CTX_VALUES) {
    if (c === 41) return restIsEnd(s, j + 1);
    if (c !== 44) return false;
    j++;
    while (s.charCodeAt(j) === 32) j++;
    return looksLikeValueStart(s, j);
  }
  if (ctx === CTX_SET) {
    if (c === 44) return looksLikeColref(s, j + 1);
    return startsWithWord(s, j, 'where') && looksLikeColref(s, j + 5);
  }
  return startsWithWord(s, j, 'and') && looksLikeColref(s, j + 3);
}

function restIsEnd(s: string, j: number): boolean {
  if (s.charCodeAt(j) === 59) j++;
  while (j < s.length && s.charCodeAt(j) <= 32) j++;
  return j >= s.length;
}

function looksLikeColref(s: string, at: number): boolean {
  while (s.charCodeAt(at) === 32) at++;
  if (s.charCodeAt(at) === 34) return true;
  let j = at;
  while (isWordChar(s.charCodeAt(j))) j++;
  if (j === at) return false;
  return s.charCodeAt(j) === 46 ? s.charCodeAt(j + 1) === 34 : s.slice(at, j).toUpperCase() === 'ROWID';
}

function looksLikeValueStart(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (c === 39) return true;
  if (c === 47 && s.charCodeAt(at + 1) === 42) return true;
  if (!isTokenChar(c)) return false;
  let j = at;
  while (isTokenChar(s.charCodeAt(j))) j++;
  const next = s.charCodeAt(j);
  if (next === 40 || next === 44 || next === 41) return true;
  return s.startsWith('Unsupported Type', at);
}
